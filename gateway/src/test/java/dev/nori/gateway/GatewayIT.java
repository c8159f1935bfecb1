package dev.nori.gateway;

import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import dev.nori.gateway.edge.EdgeFilter;
import dev.nori.launcher.Ports;
import dev.nori.testsupport.TestHttp;
import dev.nori.testsupport.TestHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.reactive.handler.AbstractHandlerMapping;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway in front of a real upstream HTTP server, a dead port and a slow server.
 */
@ExtendWith(OutputCaptureExtension.class)
@AutoConfigureTracing
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "management.server.port=0",
		"nori.gateway.identity.public-routes=/api/**", "nori.gateway.response-timeout=1s" })
class GatewayIT {

	// reads a request's whole body before it answers, as an upload endpoint does
	private static final HttpServer upstream = TestHttpServer.start((exchange) -> {
		exchange.getRequestBody().readAllBytes();
		String seen = exchange.getRequestHeaders().getFirst("X-Request-ID");
		byte[] body = (exchange.getRequestURI().getPath() + " " + seen).getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(200, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	});

	private static final HttpServer slow = TestHttpServer.slow(Duration.ofMillis(3000));

	@DynamicPropertySource
	static void routes(DynamicPropertyRegistry registry) {
		registry.add("nori.gateway.services.content", () -> "http://127.0.0.1:" + upstream.getAddress().getPort());
		registry.add("nori.gateway.services.jobs", () -> "http://127.0.0.1:" + slow.getAddress().getPort());
		registry.add("nori.gateway.services.search", () -> "http://127.0.0.1:" + Ports.free());
	}

	@AfterAll
	static void stopServers() {
		upstream.stop(0);
		slow.stop(0);
	}

	@Autowired
	private Environment environment;

	@Test
	void theEdgeStepsRunInTheirOrderInsideOneWebFilter(@Autowired ApplicationContext context) {
		List<String> webFilters = new ArrayList<>();
		WebHttpHandlerBuilder.applicationContext(context)
			.filters((filters) -> filters.forEach((filter) -> webFilters.add(filter.getClass().getSimpleName())));
		List<String> steps = context.getBeanProvider(EdgeFilter.class)
			.orderedStream()
			.map((step) -> step.getClass().isAnonymousClass() ? step.toString() : step.getClass().getSimpleName())
			.toList();

		// the one web filter besides Spring Cloud Gateway's own
		assertThat(webFilters).containsExactly("EdgeFilterChain", "WeightCalculatorWebFilter");
		assertThat(steps).containsExactly("RequestIdWebFilter", "ForwardedHeadersFilter", "SecurityHeadersFilter",
				"IdentityHeaderFilter", "RequestBodyLimitFilter", "CorsWebFilter", "BrowserSessionRelayFilter",
				"AuthenticationFilter", "RateLimitFilter");
	}

	@Test
	void serviceRoutesAreLookedUpFirstAndNeverTakeTheGatewaysOwnPaths(@Autowired ApplicationContext context,
			@Autowired RouteLocator routes) {
		// before the router functions and controllers: a proxied request skips their
		// predicates
		int serviceRoutes = context.getBean(RoutePredicateHandlerMapping.class).getOrder();
		assertThat(context.getBeansOfType(AbstractHandlerMapping.class).values())
			.filteredOn((mapping) -> mapping instanceof RouterFunctionMapping
					|| mapping instanceof RequestMappingHandlerMapping)
			.isNotEmpty()
			.allSatisfy((mapping) -> assertThat(mapping.getOrder()).isGreaterThan(serviceRoutes));
		Route auth = routes.getRoutes().filter((route) -> route.getId().equals("auth")).blockFirst();
		assertThat(takes(auth, "/api/auth/login")).isTrue();
		assertThat(takes(auth, "/api/auth")).isTrue();
		assertThat(takes(auth, "/api/auth/session")).isFalse();
		assertThat(takes(auth, "/api/content/info")).isFalse();
		// the browser session endpoint still answers (here: no session without a cookie)
		HttpResponse<String> session = get("/api/auth/session", "own-1");
		assertThat(session.statusCode()).isEqualTo(200);
		assertThat(session.body()).contains("\"authenticated\":false");
	}

	private static boolean takes(Route route, String path) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get(path));
		return Boolean.TRUE.equals(Mono.from(route.getPredicate().apply(exchange)).block());
	}

	@Test
	void routesToTheServiceAndForwardsTheRequestId() {
		HttpResponse<String> response = get("/api/content/info", "edge-id-1");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("/api/content/info edge-id-1");
		assertThat(response.headers().firstValue("X-Request-ID")).hasValue("edge-id-1");
	}

	@Test
	void replacesUnsafeRequestIdsBeforeForwarding() {
		HttpResponse<String> response = get("/api/content/info", "evil id;\"quoted\"");
		String forwarded = response.body().substring(response.body().indexOf(' ') + 1);
		assertThat(forwarded).matches("[A-Za-z0-9._-]{1,128}");
		assertThat(response.headers().firstValue("X-Request-ID")).hasValue(forwarded);
	}

	@Test
	void unknownPathsAreProblemNotFound() {
		assertProblem(get("/api/nowhere/x", "nf-1"), 404, "not-found");
		assertProblem(get("/", "nf-2"), 404, "not-found");
	}

	@Test
	void aServiceThatIsDownIsProblemServiceUnavailable(CapturedOutput output) {
		assertProblem(get("/api/search/anything", "down-1"), 503, "service-unavailable");
		String line = output.getOut()
			.lines()
			.filter((l) -> l.contains("503 for /api/search/anything"))
			.findFirst()
			.orElseThrow();
		JsonNode entry = JsonMapper.builder().build().readTree(line);
		assertThat(entry.path("requestId").asString()).isEqualTo("down-1");
		assertThat(entry.path("service").asString()).isEqualTo("gateway");
		assertThat(entry.path("traceId").asString()).matches("[0-9a-f]{32}");
		assertThat(entry.path("spanId").asString()).matches("[0-9a-f]{16}");
	}

	@Test
	void aServiceThatIsSlowIsProblemGatewayTimeoutWithinTheConfiguredTimeout() {
		assertProblem(get("/api/jobs/slow", "slow-1"), 504, "gateway-timeout");
	}

	@Test
	void anUploadSentMoreSlowlyThanTheResponseTimeoutIsStillAnswered() throws Exception {
		// the timeout (1 s) counts from when the whole request went to the service
		try (Socket client = new Socket("127.0.0.1",
				this.environment.getRequiredProperty("local.server.port", Integer.class))) {
			OutputStream out = client.getOutputStream();
			out.write(("POST /api/content/uploads HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
					+ "Content-Length: 20\r\nConnection: close\r\n\r\n0123456789")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			Thread.sleep(1500);
			out.write("0123456789".getBytes(StandardCharsets.US_ASCII));
			out.flush();

			String response = new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
			assertThat(response).startsWith("HTTP/1.1 200").contains("\r\n\r\n/api/content/uploads ");
		}
	}

	@Test
	void managementExposesHealthButNoGatewayEndpoints() {
		int management = this.environment.getRequiredProperty("local.management.port", Integer.class);
		assertThat(send(management, "/actuator/health/readiness", null).statusCode()).isEqualTo(200);
		assertThat(send(management, "/actuator/gateway/routes", null).statusCode()).isEqualTo(404);
		assertThat(send(management, "/actuator/env", null).statusCode()).isEqualTo(404);
		assertThat(get("/actuator/health", "a").statusCode()).isEqualTo(404);
	}

	private void assertProblem(HttpResponse<String> response, int status, String type) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = JsonMapper.builder().build().readTree(response.body());
		assertThat(problem.path("type").asString()).isEqualTo("https://nori.dev/problems/" + type);
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(problem.path("requestId").asString())
			.isEqualTo(response.headers().firstValue("X-Request-ID").orElseThrow());
		assertThat(response.body()).doesNotContain("Exception", "trace", "static resource", "127.0.0.1");
	}

	private HttpResponse<String> get(String path, String requestId) {
		return send(this.environment.getRequiredProperty("local.server.port", Integer.class), path, requestId);
	}

	private static HttpResponse<String> send(int port, String path, String requestId) {
		return TestHttp.get(port, path, requestId);
	}

}
