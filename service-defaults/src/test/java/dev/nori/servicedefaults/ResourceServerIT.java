package dev.nori.servicedefaults;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.nori.contracts.identity.PermissionKeys;
import dev.nori.testsupport.TestHttp;
import dev.nori.testsupport.TestInfrastructure;
import dev.nori.testsupport.TestTokenIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service checks bearer tokens itself (real RSA keys behind a real JWKS server) and
 * grants the token's permissions, or the user's current ones when they changed since.
 */
@SpringBootTest(classes = ProbeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "nori.service.security.public-routes=GET /api/probe/log",
				"nori.service.database=test_sd_secured" })
@DirtiesContext
class ResourceServerIT {

	private static final TestTokenIssuer issuer = TestTokenIssuer.start("https://nori.test/api/auth");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.postgresAndKafka(registry, "nori_test_sd_secured");
		TestInfrastructure.redis(registry);
		registry.add("nori.service.security.issuer", issuer::issuer);
		registry.add("nori.service.security.jwks-uri", () -> issuer.jwksUri().toString());
	}

	@AfterAll
	static void stopIssuer() {
		issuer.close();
	}

	@LocalServerPort
	private int port;

	@Autowired
	private StringRedisTemplate redis;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void withoutATokenOnlyPublicRoutesAnswer() {
		assertThat(get("/api/probe/log", null).statusCode()).isEqualTo(200);
		assertThat(get("/api/probe/info", null).statusCode()).isEqualTo(200);
		HttpResponse<String> refused = get("/api/probe/db", null);
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(JSON.readTree(refused.body()).get("type").asString())
			.isEqualTo("https://nori.dev/problems/unauthorized");
	}

	@Test
	void onlyValidAccessTokensOfTheTrustedIssuerPass() {
		assertThat(get("/api/probe/db", issuer.token().sign()).statusCode()).isEqualTo(200);
		List<String> refused = List.of(issuer.token().unsigned(), issuer.token().signWithPublicKeyAsHmacSecret(),
				issuer.token().signWithUnpublishedKey(), issuer.token().audience("someone-else").sign(),
				issuer.token().issuer("https://evil.test").sign(), issuer.token().headerType("JWT").sign(),
				issuer.token()
					.issuedAt(Instant.now().minus(Duration.ofHours(1)))
					.expiresAt(Instant.now().minus(Duration.ofMinutes(1)))
					.sign());
		for (String token : refused) {
			HttpResponse<String> response = get("/api/probe/db", token);
			assertThat(response.statusCode()).as(token).isEqualTo(401);
			assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
				.contains("error=\"invalid_token\"");
		}
	}

	@Test
	void theKeySetIsFetchedOnceNotPerRequest() {
		String token = issuer.token().sign();
		assertThat(get("/api/probe/db", token).statusCode()).isEqualTo(200);
		int fetches = issuer.jwksFetches();
		for (int i = 0; i < 20; i++) {
			assertThat(get("/api/probe/db", issuer.token().sign()).statusCode()).isEqualTo(200);
		}
		assertThat(issuer.jwksFetches()).isEqualTo(fetches);
	}

	@Test
	void permissionsComeFromTheTokenUnlessTheUserCurrentOnesChanged() {
		String user = UUID.randomUUID().toString();
		String editor = issuer.token().subject(user).claim("permissions", List.of("articles.edit")).sign();
		String reader = issuer.token().claim("permissions", List.of("articles.read")).sign();
		assertThat(get("/api/probe/editors", editor).statusCode()).isEqualTo(200);
		HttpResponse<String> forbidden = get("/api/probe/editors", reader);
		assertThat(forbidden.statusCode()).isEqualTo(403);
		assertThat(JSON.readTree(forbidden.body()).get("type").asString())
			.isEqualTo("https://nori.dev/problems/forbidden");

		// auth-service revoked the permission after the token was issued
		String key = new PermissionKeys(PermissionKeys.DEFAULT_PREFIX).user(user);
		this.redis.opsForValue().set(key, "articles.read", Duration.ofMinutes(1));
		try {
			await().atMost(Duration.ofSeconds(2))
				.untilAsserted(() -> assertThat(get("/api/probe/editors", editor).statusCode()).isEqualTo(403));
		}
		finally {
			this.redis.delete(key);
		}
	}

	@Test
	void theAuditTrailNamesTheTokensSubject() {
		String user = UUID.randomUUID().toString();
		HttpResponse<String> response = TestHttp.send(TestHttp.post(this.port, "/api/probe/audit", "")
			.header("Authorization", "Bearer " + issuer.token().subject(user).sign()));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.jdbc.sql(
				"select count(*) from eventing.outbox where type = 'nori.audit.record.recorded.v1' and data::jsonb ->> 'actor' = ?")
			.param(user)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	private HttpResponse<String> get(String path, String token) {
		var request = TestHttp.get(this.port, path);
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return TestHttp.send(request);
	}

}
