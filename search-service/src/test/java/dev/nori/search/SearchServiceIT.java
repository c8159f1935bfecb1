package dev.nori.search;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.nori.contracts.content.ArticleSnapshot;
import dev.nori.contracts.content.CategoryRef;
import dev.nori.testsupport.TestHttp;
import dev.nori.testsupport.TestInfrastructure;
import dev.nori.testsupport.TestTokenIssuer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One running search-service for the integration tests: real PostgreSQL and Kafka, a
 * Lucene index of its own under {@code target/}, real RSA-signed tokens.
 */
@SpringBootTest(classes = SearchApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "nori.eventing.consumer.group-id=search-it-${random.uuid}",
				"nori.search.lucene.directory=target/test-search/${random.uuid}",
				// the tests commit the content index's journal themselves
				"nori.search.durability.commit-interval=1h",
				"nori.internal.secret=" + SearchServiceIT.INTERNAL_SECRET })
public abstract class SearchServiceIT {

	protected static final JsonMapper JSON = JsonMapper.builder().build();

	/** What services show each other on internal endpoints. */
	protected static final String INTERNAL_SECRET = "test-internal-secret";

	/**
	 * A stand-in for content-service's internal snapshot pages (the real endpoint is
	 * tested in content-service and through the whole stack): serves what a test puts in
	 * it, in id order, optionally slowly.
	 */
	protected static final FakeContentService content = new FakeContentService(INTERNAL_SECRET);

	private static final TestTokenIssuer issuer = TestTokenIssuer.start("https://nori.test/api/auth");

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.postgresAndKafka(registry, "nori_test_search");
		TestInfrastructure.redis(registry);
		registry.add("nori.service.security.issuer", issuer::issuer);
		registry.add("nori.service.security.jwks-uri", () -> issuer.jwksUri().toString());
		registry.add("nori.search.content.url", content::url);
	}

	@LocalServerPort
	protected int port;

	protected String token(List<String> permissions) {
		return issuer.token().subject(UUID.randomUUID().toString()).claim("permissions", permissions).sign();
	}

	protected HttpResponse<String> send(String method, String path, @Nullable Object body, @Nullable String token) {
		return TestHttp.json(this.port, method, path,
				(body == null) ? null : (body instanceof String text) ? text : JSON.writeValueAsString(body), token);
	}

	protected JsonNode search(String query) {
		HttpResponse<String> response = send("GET", "/api/search?" + query, null, null);
		if (response.statusCode() != 200) {
			throw new AssertionError("search answered " + response.statusCode() + ": " + response.body());
		}
		return JSON.readTree(response.body());
	}

	protected static String encoded(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	protected static ArticleSnapshot article(UUID id, String title, String body, String state, long version,
			List<CategoryRef> path) {
		return new ArticleSnapshot(id, "a-" + id.toString().substring(0, 8), title, "", body, List.of("nori"), path,
				"author-1", "Ada", state, Instant.parse("2026-11-01T10:00:00Z"), Instant.now(), version);
	}

}
