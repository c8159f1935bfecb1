package dev.nori.gateway;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;
import dev.nori.launcher.Ports;
import dev.nori.testsupport.TestHttp;
import dev.nori.testsupport.TestHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The merged OpenAPI document and Swagger UI through a running gateway, from services
 * that publish their documents over HTTP (and one that is down).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "nori.gateway.docs.cache-for=0s" })
class GatewayDocsIT {

	private static final HttpServer content = documentServer("content", "/api/content/articles");

	private static final HttpServer jobs = documentServer("jobs", "/api/jobs/jobs");

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		registry.add("nori.gateway.services.content", () -> "http://127.0.0.1:" + content.getAddress().getPort());
		registry.add("nori.gateway.services.jobs", () -> "http://127.0.0.1:" + jobs.getAddress().getPort());
		registry.add("nori.gateway.services.search", () -> "http://127.0.0.1:" + Ports.free());
	}

	@AfterAll
	static void stop() {
		content.stop(0);
		jobs.stop(0);
	}

	@Autowired
	private Environment environment;

	@Test
	void oneDocumentHoldsEveryServicesPathsAndNamesTheMissingOnes() {
		HttpResponse<String> response = TestHttp.send(TestHttp.get(port(), "/docs/openapi.json"));
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode document = JsonMapper.builder().build().readTree(response.body());
		assertThat(document.path("paths").has("/api/content/articles")).isTrue();
		assertThat(document.path("paths").has("/api/jobs/jobs")).isTrue();
		assertThat(document.path("components").path("securitySchemes").has("bearer")).isTrue();
		// published articles are a public route
		assertThat(document.path("paths").path("/api/content/articles").path("get").path("security").isEmpty())
			.isTrue();
		assertThat(document.path("x-nori-missing").toString()).contains("search");
	}

	@Test
	void swaggerUiIsServedAtDocsWithItsOwnContentSecurityPolicy() {
		HttpResponse<String> page = TestHttp.send(TestHttp.get(port(), "/docs"));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("swagger-ui-bundle.js").contains("/docs/init.js");
		assertThat(page.headers().firstValue("Content-Security-Policy")).get()
			.asString()
			.contains("default-src 'self'")
			.doesNotContain("script-src 'unsafe-inline'")
			.contains("frame-ancestors 'none'");
		HttpResponse<String> bundle = TestHttp.send(TestHttp.get(port(), "/docs/swagger-ui/swagger-ui-bundle.js"));
		assertThat(bundle.statusCode()).isEqualTo(200);
		assertThat(bundle.body()).contains("SwaggerUIBundle");
		assertThat(TestHttp.send(TestHttp.get(port(), "/docs/init.js")).body()).contains("/docs/openapi.json");
		// API responses keep the strict policy
		assertThat(TestHttp.send(TestHttp.get(port(), "/api/nowhere")).headers().firstValue("Content-Security-Policy"))
			.get()
			.asString()
			.contains("default-src 'none'");
	}

	private int port() {
		return this.environment.getRequiredProperty("local.server.port", Integer.class);
	}

	private static HttpServer documentServer(String key, String path) {
		byte[] document = """
				{"openapi":"3.1.0","info":{"title":"%s","version":"1"},
				 "paths":{"%s":{"get":{"responses":{"200":{"description":"ok"}}}}}}
				""".formatted(key, path).getBytes(StandardCharsets.UTF_8);
		return TestHttpServer.start((exchange) -> {
			boolean known = exchange.getRequestURI().getPath().equals("/api/" + key + "/openapi.json");
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(known ? 200 : 404, known ? document.length : -1);
			if (known) {
				exchange.getResponseBody().write(document);
			}
			exchange.close();
		});
	}

}
