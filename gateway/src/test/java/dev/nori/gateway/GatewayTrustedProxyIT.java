package dev.nori.gateway;

import java.net.http.HttpResponse;

import com.sun.net.httpserver.HttpServer;
import dev.nori.testsupport.TestHttp;
import dev.nori.testsupport.TestHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway behind a trusted TLS-terminating proxy (here: the test client on loopback)
 * sends HSTS.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "management.server.port=0",
		"nori.gateway.identity.public-routes=/api/**", "nori.gateway.safety.trusted-proxies=127.0.0.0/8,::1" })
class GatewayTrustedProxyIT {

	private static final HttpServer upstream = TestHttpServer.ok();

	@DynamicPropertySource
	static void routes(DynamicPropertyRegistry registry) {
		registry.add("nori.gateway.services.content", () -> "http://127.0.0.1:" + upstream.getAddress().getPort());
	}

	@AfterAll
	static void stopUpstream() {
		upstream.stop(0);
	}

	@Autowired
	private Environment environment;

	@Test
	void aTrustedProxyCanVouchForTls() {
		int port = this.environment.getRequiredProperty("local.server.port", Integer.class);
		HttpResponse<String> viaTls = TestHttp
			.send(TestHttp.get(port, "/api/content/x").header("X-Forwarded-Proto", "https"));
		assertThat(viaTls.statusCode()).isEqualTo(200);
		assertThat(viaTls.headers().firstValue("Strict-Transport-Security")).get().asString().startsWith("max-age=");
		HttpResponse<String> plain = TestHttp.get(port, "/api/content/x", null);
		assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();
	}

}
