package dev.nori.auth;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.nori.testsupport.MutableClock;
import dev.nori.testsupport.TestHttp;
import dev.nori.testsupport.TestInfrastructure;
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
import static org.awaitility.Awaitility.await;

/**
 * One running auth-service for the integration tests (the context is shared by every
 * subclass): real PostgreSQL, Redis and Kafka, a clock the tests move, and the first
 * admin from configuration.
 */
@SpringBootTest(classes = AuthApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "nori.eventing.consumer.group-id=auth-it-${random.uuid}",
				"nori.auth.lockout.key-prefix=nori:test:${random.uuid}:lockout:",
				"nori.bootstrap.admin.email=" + AuthServiceIT.ADMIN_EMAIL,
				"nori.internal.secret=" + AuthServiceIT.INTERNAL_SECRET,
				"nori.bootstrap.admin.password=" + AuthServiceIT.ADMIN_PASSWORD })
@Import(AuthServiceIT.TestClock.class)
public abstract class AuthServiceIT {

	protected static final String INTERNAL_SECRET = "test-internal-secret";

	protected static final String ADMIN_EMAIL = "admin@nori.test";

	protected static final String ADMIN_PASSWORD = "correct horse battery staple admin";

	protected static final String STRONG_PASSWORD = "velvet-otter-juggles-47-lanterns";

	protected static final JsonMapper JSON = JsonMapper.builder().build();

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.postgresAndKafka(registry, "nori_test_auth");
		TestInfrastructure.redis(registry);
	}

	@LocalServerPort
	protected int port;

	@Autowired
	protected JdbcClient jdbc;

	@Autowired
	protected MutableClock clock;

	// every test class is its own client address, so lockouts by address stay apart
	protected final String clientAddress = "203.0.113." + (1 + Math.floorMod(UUID.randomUUID().hashCode(), 250));

	protected static String uniqueEmail(String name) {
		return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
	}

	protected HttpResponse<String> post(String path, Object body, @Nullable String accessToken) {
		HttpRequest.Builder request = TestHttp
			.post(this.port, path, (body instanceof String text) ? text : JSON.writeValueAsString(body))
			.header("X-Forwarded-For", this.clientAddress);
		if (accessToken != null) {
			request.header("Authorization", "Bearer " + accessToken);
		}
		return TestHttp.send(request);
	}

	protected HttpResponse<String> call(String method, String path, @Nullable String accessToken) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.header("X-Forwarded-For", this.clientAddress);
		if (accessToken != null) {
			request.header("Authorization", "Bearer " + accessToken);
		}
		return TestHttp.send(request);
	}

	protected static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	/**
	 * Registers a user and returns the verification token from the event that carries it.
	 */
	protected String register(String email, String password) {
		HttpResponse<String> response = post("/api/auth/register",
				Map.of("email", email, "password", password, "displayName", "Test User"), null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return tokenFromEvent("nori.auth.user.verification-requested.v1", email);
	}

	protected String tokenFromEvent(String type, String email) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc.sql(
					"select data from eventing.outbox where type = ? and data::jsonb ->> 'email' = ? order by seq desc limit 1")
				.params(type, email)
				.query(String.class)
				.optional()
				.map((data) -> JSON.readTree(data).get("token").asString())
				.orElse(null), (token) -> token != null);
	}

	protected JsonNode login(String email, String password) {
		HttpResponse<String> response = post("/api/auth/login", Map.of("email", email, "password", password), null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json(response);
	}

	protected String accessToken(String email, String password) {
		return login(email, password).get("accessToken").asString();
	}

	protected String adminToken() {
		return accessToken(ADMIN_EMAIL, ADMIN_PASSWORD);
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
