package dev.nori.content;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.nori.testsupport.MutableClock;
import dev.nori.testsupport.TestHttp;
import dev.nori.testsupport.TestInfrastructure;
import dev.nori.testsupport.TestTokenIssuer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One running content-service for the integration tests (the context is shared by every
 * subclass): real PostgreSQL, Redis and Kafka, real RSA-signed tokens from a JWKS the
 * tests serve, and a clock the tests move.
 */
@SpringBootTest(classes = ContentApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "nori.eventing.consumer.group-id=content-it-${random.uuid}",
				"nori.content.pagination.cursor-secret=test-cursor-secret", "nori.content.cache.store=redis",
				"nori.content.categories.max-depth=5", "nori.content.uploads.max-size=64KB",
				"nori.content.uploads.quota-per-user=256KB",
				"nori.content.storage.local-root=" + ContentServiceIT.UPLOADS,
				"nori.internal.secret=" + ContentServiceIT.INTERNAL_SECRET })
@Import(ContentServiceIT.TestClock.class)
public abstract class ContentServiceIT {

	protected static final JsonMapper JSON = JsonMapper.builder().build();

	/** What other services show on internal endpoints. */
	protected static final String INTERNAL_SECRET = "test-internal-secret";

	/** Where the local storage driver keeps uploads in the tests. */
	protected static final String UPLOADS = "target/test-uploads";

	protected static final List<String> EDITOR = List.of("articles.create", "articles.edit", "articles.edit-any",
			"articles.publish", "articles.delete", "categories.manage");

	protected static final List<String> AUTHOR = List.of("articles.create", "articles.edit");

	private static final TestTokenIssuer issuer = TestTokenIssuer.start("https://nori.test/api/auth");

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.postgresAndKafka(registry, "nori_test_content");
		TestInfrastructure.redis(registry);
		registry.add("nori.service.security.issuer", issuer::issuer);
		registry.add("nori.service.security.jwks-uri", () -> issuer.jwksUri().toString());
	}

	@LocalServerPort
	protected int port;

	@Autowired
	protected JdbcClient jdbc;

	@Autowired
	protected MutableClock clock;

	/** A signed access token for a user holding these permissions. */
	protected String token(String userId, List<String> permissions) {
		return issuer.token().subject(userId).claim("permissions", permissions).validAt(this.clock.instant()).sign();
	}

	/** A signed access token that also carries a display name and an address. */
	protected String token(String userId, List<String> permissions, String name, String email) {
		return issuer.token()
			.subject(userId)
			.validAt(this.clock.instant())
			.claim("permissions", permissions)
			.claim("name", name)
			.claim("email", email)
			.sign();
	}

	protected static String newUser() {
		return UUID.randomUUID().toString();
	}

	protected HttpResponse<String> get(String path, @Nullable String token, String... headers) {
		return send("GET", path, null, token, headers);
	}

	protected HttpResponse<String> post(String path, @Nullable Object body, @Nullable String token) {
		return send("POST", path, body, token);
	}

	protected HttpResponse<String> put(String path, Object body, @Nullable String token) {
		return send("PUT", path, body, token);
	}

	protected HttpResponse<String> delete(String path, @Nullable String token) {
		return send("DELETE", path, null, token);
	}

	protected HttpResponse<String> send(String method, String path, @Nullable Object body, @Nullable String token,
			String... headers) {
		String json = (body == null) ? "" : (body instanceof String text) ? text : JSON.writeValueAsString(body);
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.method(method,
					(body == null) ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
			.header("Content-Type", "application/json");
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return TestHttp.send(request);
	}

	protected static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	/** Asserts a status and returns the body as JSON. */
	protected static JsonNode expect(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		return (response.body().isEmpty()) ? JSON.nullNode() : json(response);
	}

	/** Asserts a problem response and returns it. */
	protected static JsonNode problem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = json(response);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		return problem;
	}

	/** The fields a validation problem names. */
	protected static List<String> invalidFields(JsonNode problem) {
		List<String> fields = new ArrayList<>();
		problem.get("errors").forEach((error) -> fields.add(error.get("field").asString()));
		return fields;
	}

	/** The ids of the items of a page or feed, in order. */
	protected static List<String> ids(JsonNode page) {
		return page.get("items").valueStream().map((item) -> item.get("id").asString()).toList();
	}

	/** Creates a category as an editor and returns it. */
	protected JsonNode category(String name, @Nullable String parentId) {
		Map<String, Object> body = (parentId != null) ? Map.of("name", name, "parentId", parentId)
				: Map.of("name", name);
		return expect(post("/api/content/categories", body, token(newUser(), EDITOR)), 201);
	}

	/** Creates a draft as the given author and returns it. */
	protected JsonNode draft(String authorToken, Map<String, Object> fields) {
		Map<String, Object> body = new java.util.HashMap<>(
				Map.of("title", "Article " + UUID.randomUUID().toString().substring(0, 8), "body", "Some *text*."));
		body.putAll(fields);
		return expect(post("/api/content/articles", body, authorToken), 201);
	}

	/** Creates a post as the given author and returns it. */
	protected JsonNode post(String authorToken, Map<String, Object> fields) {
		Map<String, Object> body = new java.util.HashMap<>(
				Map.of("body", "A post " + UUID.randomUUID().toString().substring(0, 8)));
		body.putAll(fields);
		return expect(post("/api/content/posts", body, authorToken), 201);
	}

	/** Creates and publishes an article and returns it as published. */
	protected JsonNode published(Map<String, Object> fields) {
		String editor = token(newUser(), EDITOR);
		JsonNode draft = draft(editor, fields);
		return expect(post("/api/content/articles/" + draft.get("id").asString() + "/publish", null, editor), 200);
	}

	/** The payloads of the outbox events of a type about one aggregate, oldest first. */
	protected List<JsonNode> events(String type, String subject) {
		return this.jdbc.sql("select data from eventing.outbox where type = ? and record_key = ? order by seq")
			.params(type, subject)
			.query(String.class)
			.list()
			.stream()
			.map(JSON::readTree)
			.toList();
	}

	/**
	 * A clock the tests move, in place of the system clock.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	public static class TestClock {

		@Bean
		@Primary
		public MutableClock mutableClock() {
			return new MutableClock();
		}

	}

}
