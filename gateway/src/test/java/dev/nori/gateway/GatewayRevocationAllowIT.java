package dev.nori.gateway;

import java.net.http.HttpResponse;

import com.sun.net.httpserver.HttpServer;
import dev.nori.launcher.Ports;
import dev.nori.testsupport.RedisServerProcess;
import dev.nori.testsupport.TestHttp;
import dev.nori.testsupport.TestHttpServer;
import dev.nori.testsupport.TestTokenIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The other revocation policy: with {@code when-unavailable=allow}, authenticated
 * requests go through while Redis is down, counted. And a token whose issuer's keys
 * cannot be fetched is neither accepted nor called invalid: 503.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "nori.gateway.identity.revocation.when-unavailable=allow",
				"nori.gateway.identity.issuers.gone.issuer=https://gone.test",
				"nori.gateway.identity.issuers.gone.access-token-header-type=at+jwt" })
class GatewayRevocationAllowIT {

	private static final TestTokenIssuer nori = TestTokenIssuer.start("https://nori.test/api/auth");

	private static final TestTokenIssuer gone = TestTokenIssuer.start("https://gone.test");

	private static final HttpServer service = TestHttpServer.ok();

	private static RedisServerProcess redis;

	@BeforeAll
	static void startRedis() {
		redis = RedisServerProcess.startOrSkip();
	}

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.port", () -> redis.port());
		registry.add("nori.gateway.services.content", () -> "http://127.0.0.1:" + service.getAddress().getPort());
		registry.add("nori.gateway.identity.issuers.nori.issuer", nori::issuer);
		registry.add("nori.gateway.identity.issuers.nori.jwks-uri", nori::jwksUri);
		// nothing listens there
		registry.add("nori.gateway.identity.issuers.gone.jwks-uri", () -> "http://127.0.0.1:" + Ports.free() + "/jwks");
	}

	@AfterAll
	static void stop() {
		if (redis != null) {
			redis.close();
		}
		service.stop(0);
		nori.close();
		gone.close();
	}

	@Autowired
	private Environment environment;

	@Autowired
	private MeterRegistry meters;

	@Test
	void withRedisDownAuthenticatedRequestsGoThroughCounted() {
		assertThat(get(nori.token().sign()).statusCode()).isEqualTo(200);
		redis.stop();
		try {
			// a token the gateway has no verdict for yet
			assertThat(get(nori.token().sign()).statusCode()).isEqualTo(200);
			assertThat(this.meters.counter("nori.gateway.revocation.unavailable").count()).isPositive();
		}
		finally {
			redis.restart();
		}
	}

	@Test
	void aTokenWhoseKeysCannotBeFetchedIsA503() {
		HttpResponse<String> response = get(gone.token().sign());
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.body()).contains("The token cannot be verified right now");
	}

	private HttpResponse<String> get(String token) {
		int port = this.environment.getRequiredProperty("local.server.port", Integer.class);
		return TestHttp.send(TestHttp.get(port, "/api/content/x").header("Authorization", "Bearer " + token));
	}

}
