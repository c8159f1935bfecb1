package dev.nori.gateway;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;
import dev.nori.launcher.Ports;
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
 * The services' browser pages ({@code /jobs/**}): routed to the service, protected like
 * its API except for the public page and its assets, served with the pages'
 * Content-Security-Policy; the session endpoint's form login refuses redirects off the
 * pages and forms from other sites before it asks auth-service anything (the login
 * itself, CSRF tokens handed to pages and the whole flow in a browser are in the system
 * tests).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "nori.gateway.session.secure-cookie=false",
				// more refused logins here than the login limit lets through
				"nori.gateway.rate-limit.policies.session-login.capacity=1000",
				"nori.gateway.rate-limit.policies.session-login.per-second=100" })
class GatewayPagesIT {

	private static final HttpServer jobs = TestHttpServer.start((exchange) -> {
		String seen = exchange.getRequestURI().getPath() + " csrf="
				+ exchange.getRequestHeaders().getFirst("X-Nori-Csrf-Token");
		byte[] body = seen.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "text/html");
		exchange.sendResponseHeaders(200, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	});

	@DynamicPropertySource
	static void routes(DynamicPropertyRegistry registry) {
		registry.add("nori.gateway.services.jobs", () -> "http://127.0.0.1:" + jobs.getAddress().getPort());
		// never reached: every login below is refused before it
		registry.add("nori.gateway.session.auth-uri", () -> "http://127.0.0.1:" + Ports.free());
	}

	@AfterAll
	static void stopServer() {
		jobs.stop(0);
	}

	@Autowired
	private Environment environment;

	@Test
	void thePublicPageIsRoutedWithThePagesPolicyAndWithoutAClientsCsrfHeader() {
		HttpResponse<String> page = TestHttp
			.send(TestHttp.get(port(), "/jobs/dashboard").header("X-Nori-Csrf-Token", "forged"));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).isEqualTo("/jobs/dashboard csrf=null");
		assertThat(page.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((policy) -> assertThat(policy)
				.contains("script-src 'self'", "form-action 'self'", "frame-ancestors 'none'")
				.doesNotContain("unsafe"));
		// not no-referrer: under it a browser sends the page's own posts
		// with Origin: null
		assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
		assertThat(TestHttp.send(TestHttp.get(port(), "/jobs/assets/dashboard.css")).statusCode()).isEqualTo(200);
		// the API keeps its stricter policy
		assertThat(
				TestHttp.send(TestHttp.get(port(), "/api/jobs/info")).headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((policy) -> policy.startsWith("default-src 'none'; frame-ancestors"));
	}

	@Test
	void theRestOfThePagesNeedsASessionOrAToken() {
		assertThat(TestHttp.send(TestHttp.get(port(), "/jobs/dashboard/panel")).statusCode()).isEqualTo(401);
		HttpResponse<String> action = TestHttp
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/jobs/dashboard/dead/redrive"))
				.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(action.statusCode()).isEqualTo(401);
	}

	@Test
	void formLoginOnlyRedirectsToThisSitesPages() {
		for (String redirect : new String[] { "https://evil.example/jobs/dashboard", "//evil.example/jobs/dashboard",
				"/api/auth/me", "/jobs/../api/auth/me", "", "/\\evil.example" }) {
			HttpResponse<String> refused = formLogin("redirect=" + encode(redirect) + "&email=a%40b.c&password=x",
					null);
			assertThat(refused.statusCode()).as(redirect).isEqualTo(400);
			assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(refused.headers().firstValue("Location")).isEmpty();
		}
	}

	@Test
	void formLoginFromAnotherSiteIsRefused() {
		HttpResponse<String> refused = formLogin("redirect=%2Fjobs%2Fdashboard&email=a%40b.c&password=x", "cross-site");
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.headers().firstValue("Set-Cookie")).isEmpty();
	}

	private HttpResponse<String> formLogin(String form, String fetchSite) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port() + "/api/auth/session"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form));
		if (fetchSite != null) {
			request.header("Sec-Fetch-Site", fetchSite);
		}
		return TestHttp.send(request);
	}

	private static String encode(String value) {
		return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private int port() {
		return this.environment.getRequiredProperty("local.server.port", Integer.class);
	}

}
