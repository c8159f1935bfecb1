package dev.nori.gateway;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;
import dev.nori.launcher.Ports;
import dev.nori.testsupport.TestHttp;
import dev.nori.testsupport.TestHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Browser-facing safety through a running gateway: security headers on every response,
 * CORS from the allowlist, forged identity headers stripped, request bodies limited per
 * route.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "nori.gateway.identity.public-routes=/api/**",
				"nori.gateway.safety.max-body-size=1KB", "nori.gateway.safety.max-body-sizes.jobs=4KB",
				"nori.gateway.safety.max-body-sizes.content=1KB",
				"nori.gateway.safety.cors.allowed-origins=https://app.example.com" })
class GatewaySafetyIT {

	private static final String ALLOWED = "https://app.example.com";

	private static final AtomicInteger calls = new AtomicInteger();

	private static final HttpServer echo = echoServer();

	@DynamicPropertySource
	static void routes(DynamicPropertyRegistry registry) {
		String uri = "http://127.0.0.1:" + echo.getAddress().getPort();
		registry.add("nori.gateway.services.content", () -> uri);
		registry.add("nori.gateway.services.jobs", () -> uri);
		registry.add("nori.gateway.services.search", () -> "http://127.0.0.1:" + Ports.free());
	}

	@AfterAll
	static void stopEcho() {
		echo.stop(0);
	}

	@Autowired
	private Environment environment;

	@BeforeEach
	void resetCalls() {
		calls.set(0);
	}

	@Test
	void securityHeadersAreOnSuccessesClientErrorsAndServerErrors() {
		for (String path : new String[] { "/api/content/x", "/api/nowhere", "/api/search/x" }) {
			HttpResponse<String> response = TestHttp.get(port(), path, null);
			assertThat(response.statusCode()).as(path).isIn(200, 404, 503);
			assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
			assertThat(response.headers().firstValue("Content-Security-Policy")).as(path)
				.get()
				.asString()
				.contains("frame-ancestors 'none'")
				.contains("default-src 'none'");
			assertThat(response.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
			assertThat(response.headers().firstValue("Permissions-Policy")).as(path).isPresent();
			assertThat(response.headers().firstValue("Server")).as(path).isEmpty();
			assertThat(response.headers().firstValue("X-Powered-By")).as(path).isEmpty();
			// plain HTTP: HSTS would be meaningless and is left out
			assertThat(response.headers().firstValue("Strict-Transport-Security")).as(path).isEmpty();
		}
	}

	@Test
	void forgedIdentityHeadersNeverReachAService() {
		HttpResponse<String> response = TestHttp.send(TestHttp.get(port(), "/api/content/me")
			.header("X-User-Id", "admin")
			.header("X-User-Permissions", "*")
			.header("x-auth-roles", "admin")
			.header("X-Nori-User", "admin")
			.header("X-Custom", "kept"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body().toLowerCase()).doesNotContain("x-user-", "x-auth-", "x-nori-user")
			.contains("x-custom=kept")
			.contains("x-request-id=");
	}

	@Test
	void preflightFromAnAllowedOriginIsAnsweredAtTheGateway() {
		HttpResponse<String> response = TestHttp.send(TestHttp.get(port(), "/api/content/articles")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", ALLOWED)
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "Authorization, Content-Type"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
		assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
		assertThat(calls.get()).as("calls that reached the service").isZero();
	}

	@Test
	void aDisallowedOriginGetsNoCorsHeaders() {
		HttpResponse<String> preflight = TestHttp.send(TestHttp.get(port(), "/api/content/articles")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", "https://evil.example.net")
			.header("Access-Control-Request-Method", "POST"));
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		HttpResponse<String> simple = TestHttp
			.send(TestHttp.get(port(), "/api/content/x").header("Origin", "https://evil.example.net"));
		assertThat(simple.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		HttpResponse<String> allowed = TestHttp.send(TestHttp.get(port(), "/api/content/x").header("Origin", ALLOWED));
		assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
		assertThat(allowed.headers().firstValue("Access-Control-Expose-Headers")).get()
			.asString()
			.contains("X-Request-ID");
	}

	@Test
	void bodiesOverTheRouteLimitAreRefusedAndNeverForwarded() {
		String twoKilobytes = "{\"text\":\"" + "x".repeat(2048) + "\"}";
		assertTooLarge(TestHttp.send(TestHttp.post(port(), "/api/content/articles", twoKilobytes)));
		byte[] chunked = twoKilobytes.getBytes(StandardCharsets.UTF_8);
		assertTooLarge(TestHttp.send(TestHttp.get(port(), "/api/content/articles")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(chunked)))));
		assertThat(calls.get()).as("calls that reached the service").isZero();

		HttpResponse<String> withinRouteLimit = TestHttp.send(TestHttp.post(port(), "/api/jobs/enqueue", twoKilobytes));
		assertThat(withinRouteLimit.statusCode()).isEqualTo(200);
		assertThat(withinRouteLimit.body()).contains("body=" + twoKilobytes.length());
		HttpResponse<String> chunkedWithinLimit = TestHttp.send(TestHttp.get(port(), "/api/jobs/enqueue")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(chunked))));
		assertThat(chunkedWithinLimit.body()).contains("body=" + chunked.length);
	}

	@Test
	void forwardingHeadersFromAnUntrustedClientAreDropped() {
		HttpResponse<String> response = TestHttp.send(TestHttp.get(port(), "/api/content/x")
			.header("X-Forwarded-For", "6.6.6.6")
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-Host", "evil.example.net")
			.header("Forwarded", "for=6.6.6.6;proto=https")
			.header("X-Real-IP", "6.6.6.6"));
		assertThat(response.body()).doesNotContain("6.6.6.6", "evil.example.net");
		// the service learns the real client address from the gateway
		assertThat(response.body()).containsIgnoringCase("x-forwarded-for=127.0.0.1");
		assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
	}

	private static void assertTooLarge(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("https://nori.dev/problems/payload-too-large");
	}

	private int port() {
		return this.environment.getRequiredProperty("local.server.port", Integer.class);
	}

	// answers with the headers and body size it received, and counts the calls
	private static HttpServer echoServer() {
		return TestHttpServer.start((exchange) -> {
			calls.incrementAndGet();
			int size = exchange.getRequestBody().readAllBytes().length;
			String headers = exchange.getRequestHeaders()
				.entrySet()
				.stream()
				.map((entry) -> entry.getKey() + "=" + String.join(",", entry.getValue()))
				.collect(Collectors.joining("\n"));
			byte[] body = (headers + "\nbody=" + size).getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
	}

}
