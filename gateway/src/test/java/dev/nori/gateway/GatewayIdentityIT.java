package dev.nori.gateway;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import dev.nori.contracts.revocation.RevocationKeys;
import dev.nori.testsupport.RedisServerProcess;
import dev.nori.testsupport.TestHttp;
import dev.nori.testsupport.TestHttpServer;
import dev.nori.testsupport.TestTokenIssuer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bearer tokens through a running gateway, signed by real RSA keys that a JWKS server
 * publishes, with revocations in a Redis server of the test's own (so that it can be
 * stopped): only valid, unrevoked access tokens of a trusted issuer reach a service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "nori.gateway.identity.jwks-refetch-interval=2s",
				"nori.gateway.identity.issuers.keycloak.access-token-claim-type=Bearer",
				"nori.gateway.identity.issuers.keycloak.audience=account",
				"nori.gateway.safety.cors.allowed-origins=https://app.example.com",
				"nori.gateway.rate-limit.policies.limited.pattern=/api/content/limited/**",
				"nori.gateway.rate-limit.policies.limited.capacity=2",
				"nori.gateway.rate-limit.policies.limited.per-second=0.01" })
class GatewayIdentityIT {

	private static final TestTokenIssuer nori = TestTokenIssuer.start("https://nori.test/api/auth");

	private static final TestTokenIssuer keycloak = TestTokenIssuer.start("https://keycloak.test/realms/nori");

	private static final AtomicReference<String> forwardedAuthorization = new AtomicReference<>();

	private static final HttpServer service = TestHttpServer.start((exchange) -> {
		forwardedAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
		byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(200, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	});

	private static final AtomicInteger exchanges = new AtomicInteger();

	private static final AtomicReference<String> exchangedSubject = new AtomicReference<>();

	// stands in for auth-service's internal exchange (which auth-service's
	// own tests cover)
	private static final HttpServer apiKeyExchange = TestHttpServer.start((exchange) -> {
		exchanges.incrementAndGet();
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		int status;
		String answer = "{}";
		if (!"gateway-secret".equals(exchange.getRequestHeaders().getFirst("X-Nori-Internal-Secret"))) {
			status = 403;
		}
		else if (body.contains("nori_good")) {
			status = 200;
			answer = "{\"accessToken\":\"" + nori.token().subject(exchangedSubject.get()).sign()
					+ "\",\"expiresIn\":120}";
		}
		else if (body.contains("nori_broken")) {
			status = 500;
		}
		else {
			status = 401;
		}
		byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	});

	private static RedisServerProcess redis;

	@BeforeAll
	static void startRedis() {
		redis = RedisServerProcess.startOrSkip();
	}

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		String uri = "http://127.0.0.1:" + service.getAddress().getPort();
		registry.add("spring.data.redis.port", () -> redis.port());
		registry.add("nori.gateway.services.content", () -> uri);
		registry.add("nori.gateway.services.search", () -> uri);
		registry.add("nori.gateway.identity.issuers.nori.issuer", nori::issuer);
		registry.add("nori.gateway.identity.issuers.nori.jwks-uri", nori::jwksUri);
		registry.add("nori.gateway.identity.issuers.keycloak.issuer", keycloak::issuer);
		registry.add("nori.gateway.identity.issuers.keycloak.jwks-uri", keycloak::jwksUri);
		registry.add("nori.gateway.identity.api-keys.exchange-uri",
				() -> "http://127.0.0.1:" + apiKeyExchange.getAddress().getPort() + "/internal/api-keys/exchange");
		registry.add("nori.gateway.identity.api-keys.internal-secret", () -> "gateway-secret");
	}

	@AfterAll
	static void stop() {
		if (redis != null) {
			redis.close();
		}
		service.stop(0);
		apiKeyExchange.stop(0);
		nori.close();
		keycloak.close();
	}

	@Autowired
	private Environment environment;

	@Autowired
	private ReactiveStringRedisTemplate redisTemplate;

	@Test
	void aValidAccessTokenReachesTheServiceWithItsAuthorization() {
		String token = nori.token().sign();
		HttpResponse<String> response = get("/api/content/articles/drafts", token);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(forwardedAuthorization.get()).isEqualTo("Bearer " + token);
	}

	@Test
	void anApiKeyIsExchangedOnceAndServicesReceiveTheTokenNotTheKey() {
		String subject = java.util.UUID.randomUUID().toString();
		exchangedSubject.set(subject);
		int before = exchanges.get();
		assertThat(get("/api/content/drafts", "nori_good").statusCode()).isEqualTo(200);
		String forwarded = forwardedAuthorization.get();
		assertThat(forwarded).startsWith("Bearer ey").doesNotContain("nori_good");
		// the same key on a public route: still exchanged, the cached token reused
		assertThat(get("/api/content/articles/drafts", "nori_good").statusCode()).isEqualTo(200);
		assertThat(forwardedAuthorization.get()).isEqualTo(forwarded);
		assertThat(exchanges.get() - before).isEqualTo(1);

		assertUnauthorized(get("/api/content/drafts", "nori_unknown"));
		HttpResponse<String> unavailable = get("/api/content/drafts", "nori_broken");
		assertThat(unavailable.statusCode()).isEqualTo(503);
	}

	@Test
	void aProtectedRouteWithoutATokenIsAChallenge() {
		HttpResponse<String> response = TestHttp.send(TestHttp.get(port(), "/api/content/drafts"));
		assertUnauthorized(response);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"nori\"");
	}

	@Test
	void publicRoutesNeedNoToken() {
		assertThat(TestHttp.send(TestHttp.get(port(), "/api/search/articles?q=x")).statusCode()).isEqualTo(200);
		assertThat(TestHttp.send(TestHttp.get(port(), "/api/content/articles/hello")).statusCode()).isEqualTo(200);
	}

	@Test
	void forgedAndMalformedTokensAreRefused() {
		assertInvalid(nori.token().unsigned(), "not a signed JWT");
		assertInvalid(nori.token().signWithPublicKeyAsHmacSecret(), "signature algorithm HS256");
		assertInvalid(nori.token().signWithUnpublishedKey(), "signing key is unknown");
		assertInvalid("not.a.jwt", "not a signed JWT");
		assertInvalid(nori.token().issuer("https://elsewhere.test").sign(), "issuer is not trusted");
		// a trusted issuer's claim signed by another trusted issuer's key
		assertInvalid(keycloak.token().issuer(nori.issuer()).sign(), "signing key is unknown");
		HttpResponse<String> basic = TestHttp.send(TestHttp.get(port(), "/api/content/drafts")
			.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("a:b".getBytes())));
		assertUnauthorized(basic);
	}

	@Test
	void tokensOutsideTheirValidityWindowAreRefusedWithThirtySecondsOfSkew() {
		Instant now = Instant.now();
		assertInvalid(nori.token().issuedAt(now.minusSeconds(600)).expiresAt(now.minusSeconds(45)).sign(),
				"has expired");
		assertInvalid(nori.token().notBefore(now.plusSeconds(60)).sign(), "not valid yet");
		assertThat(get("/api/content/x", nori.token().expiresAt(now.minusSeconds(10)).sign()).statusCode())
			.as("expired ten seconds ago: within the skew")
			.isEqualTo(200);
	}

	@Test
	void tokensForAnotherAudienceOrOfAnotherTypeAreRefused() {
		assertInvalid(nori.token().audience("another-api").sign(), "not meant for this API");
		assertInvalid(nori.token().headerType("JWT").sign(), "not an access token");
		// Keycloak marks its token types in a claim
		assertInvalid(keycloak.token().audience("account").headerType("JWT").claim("typ", "ID").sign(),
				"not an access token");
		assertThat(get("/api/content/x",
				keycloak.token().audience("account").headerType("JWT").claim("typ", "Bearer").sign())
			.statusCode()).isEqualTo(200);
	}

	@Test
	void aRevokedTokenIsRefused() {
		String tokenId = UUID.randomUUID().toString();
		String token = nori.token().tokenId(tokenId).sign();
		assertThat(get("/api/content/x", token).statusCode()).isEqualTo(200);

		this.redisTemplate.opsForValue()
			.set(new RevocationKeys(RevocationKeys.DEFAULT_PREFIX).token(tokenId), "1", Duration.ofMinutes(5))
			.block();
		// the gateway keeps a verdict for one second (revocation.cache-for)
		Awaitility.await()
			.atMost(Duration.ofSeconds(3))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> get("/api/content/x", token).statusCode() == 401);
		assertInvalid(token, "has been revoked");
		assertThat(get("/api/content/x", nori.token().sign()).statusCode()).as("other tokens").isEqualTo(200);
	}

	@Test
	void tokensIssuedBeforeTheUsersCutOffAreRefused() {
		String user = UUID.randomUUID().toString();
		Instant now = Instant.now();
		String older = nori.token().subject(user).issuedAt(now.minusSeconds(120)).sign();
		String newer = nori.token().subject(user).issuedAt(now).sign();
		assertThat(get("/api/content/x", older).statusCode()).isEqualTo(200);

		this.redisTemplate.opsForValue()
			.set(new RevocationKeys(RevocationKeys.DEFAULT_PREFIX).userCutoff(user),
					Long.toString(now.minusSeconds(60).getEpochSecond()))
			.block();
		Awaitility.await()
			.atMost(Duration.ofSeconds(3))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> get("/api/content/x", older).statusCode() == 401);
		assertInvalid(older, "has been revoked");
		assertThat(get("/api/content/x", newer).statusCode()).isEqualTo(200);
		assertThat(get("/api/content/x", nori.token().issuedAt(now.minusSeconds(120)).sign()).statusCode())
			.as("another user's older token")
			.isEqualTo(200);
	}

	@Test
	void whenRevocationsCannotBeReadAuthenticatedRequestsGet503AndPublicRoutesWork() {
		String token = nori.token().sign();
		redis.stop();
		try {
			HttpResponse<String> refused = get("/api/content/x", token);
			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(refused.body()).contains("https://nori.dev/problems/service-unavailable")
				.contains("Tokens cannot be checked right now");
			assertThat(TestHttp.send(TestHttp.get(port(), "/api/search/x")).statusCode()).isEqualTo(200);
		}
		finally {
			redis.restart();
		}
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/content/x", token).statusCode() == 200);
	}

	@Test
	void rotatedKeysAreFetchedWithoutARestartButNotMoreOftenThanTheRefetchInterval() {
		assertThat(
				get("/api/content/x", keycloak.token().audience("account").claim("typ", "Bearer").sign()).statusCode())
			.isEqualTo(200);
		int fetchesBefore = keycloak.jwksFetches();
		keycloak.rotate();
		String rotated = keycloak.token().audience("account").claim("typ", "Bearer").sign();
		for (int i = 0; i < 10; i++) {
			get("/api/content/x", keycloak.token().audience("account").claim("typ", "Bearer").signWithUnpublishedKey());
		}
		assertThat(keycloak.jwksFetches() - fetchesBefore).as("fetches caused by ten unknown keys")
			.isLessThanOrEqualTo(1);
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> get("/api/content/x", rotated).statusCode() == 200);
	}

	@Test
	void usersHaveRateLimitBucketsOfTheirOwn() {
		String alice = nori.token().subject("alice-" + UUID.randomUUID()).sign();
		String bob = nori.token().subject("bob-" + UUID.randomUUID()).sign();
		assertThat(get("/api/content/limited/a", alice).statusCode()).isEqualTo(200);
		assertThat(get("/api/content/limited/a", alice).statusCode()).isEqualTo(200);
		assertThat(get("/api/content/limited/a", alice).statusCode()).isEqualTo(429);
		assertThat(get("/api/content/limited/a", bob).statusCode()).as("same address, another user").isEqualTo(200);
	}

	@Test
	void preflightsAreAnsweredWithoutAToken() {
		HttpResponse<String> preflight = TestHttp.send(TestHttp.get(port(), "/api/content/drafts")
			.method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
			.header("Origin", "https://app.example.com")
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "Authorization"));
		assertThat(preflight.statusCode()).isEqualTo(200);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
	}

	private void assertInvalid(String token, String reason) {
		HttpResponse<String> response = get("/api/content/x", token);
		assertUnauthorized(response);
		assertThat(response.body()).as(token).contains(reason);
		assertThat(response.headers().firstValue("WWW-Authenticate")).get()
			.asString()
			.startsWith("Bearer realm=\"nori\", error=\"invalid_token\"");
	}

	private static void assertUnauthorized(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("https://nori.dev/problems/unauthorized");
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
	}

	private HttpResponse<String> get(String path, String token) {
		return TestHttp.send(TestHttp.get(port(), path).header("Authorization", "Bearer " + token));
	}

	private int port() {
		return this.environment.getRequiredProperty("local.server.port", Integer.class);
	}

}
