package dev.nori.system;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.nori.launcher.ManagedProcess;
import dev.nori.launcher.NoriHome;
import dev.nori.launcher.ServiceSpec;
import dev.nori.launcher.Stack;
import dev.nori.launcher.StackSettings;
import dev.nori.testsupport.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole stack, started by the same launcher as {@code ./nori up} (every service its
 * own process, plus a Kafka broker process), called through the gateway as a user would.
 */
class StackIT {

	private static Stack stack;

	private static List<ManagedProcess> processes;

	@BeforeAll
	static void startStack() {
		int gatewayPort = Integer.getInteger("nori.system.gateway-port", 28080);
		StackSettings settings = new StackSettings(NoriHome.locate(), Path.of("target", "stack").toAbsolutePath(),
				gatewayPort, Integer.getInteger("nori.system.kafka-port", 29092), "nori_systest_", Map.of());
		stack = new Stack(settings, System.out);
		Duration took = stack.start();
		System.out.println("stack ready in " + took.toMillis() + " ms");
		processes = ServiceSpec.ALL.stream().map((service) -> stack.process(service.name())).toList();
	}

	@AfterAll
	static void stopStack() {
		if (stack != null) {
			List<String> killed = stack.stop();
			assertThat(killed).as("services that ignored SIGTERM and had to be killed").isEmpty();
			assertThat(processes).noneMatch(ManagedProcess::isAlive);
			assertThat(stack.kafka().process()).isNull();
		}
	}

	@Test
	void everyServiceAnswersThroughTheGateway() {
		for (ServiceSpec service : ServiceSpec.ALL) {
			if (service.isGateway()) {
				continue;
			}
			HttpResponse<String> response = viaGateway("/api/" + service.routeKey() + "/info",
					"system-" + service.routeKey());
			assertThat(response.statusCode()).as(service.name()).isEqualTo(200);
			assertThat(response.body()).contains("\"service\":\"" + service.name() + "\"");
			assertThat(response.headers().firstValue("X-Request-ID")).hasValue("system-" + service.routeKey());
		}
	}

	@Test
	void everyServiceIsReadyOnItsManagementPort() {
		for (ServiceSpec service : ServiceSpec.ALL) {
			int port = stack.settings().managementPort(service);
			HttpResponse<String> readiness = TestHttp.get(port, "/actuator/health/readiness", null);
			assertThat(readiness.statusCode()).as(service.name()).isEqualTo(200);
		}
	}

	@Test
	void unknownAddressesAreProblemJsonAtTheGateway() {
		HttpResponse<String> response = viaGateway("/unknown/thing", "system-404");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"requestId\":\"system-404\"");
	}

	@Test
	void serviceErrorsReachTheClientAsProblemJson() {
		// a public route (published articles), so no token is needed to reach the service
		HttpResponse<String> response = viaGateway("/api/content/articles/no/such/endpoint", "system-svc-404");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("\"type\":\"https://nori.dev/problems/not-found\"")
			.contains("\"requestId\":\"system-svc-404\"");
	}

	@Test
	void theGatewayServesOneOpenApiDocumentOfEveryService() {
		HttpResponse<String> response = viaGateway("/docs/openapi.json", "system-docs");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).doesNotContain("x-nori-missing");
		for (ServiceSpec service : ServiceSpec.ALL) {
			if (!service.isGateway()) {
				assertThat(response.body()).as(service.name()).contains("\"/api/" + service.routeKey() + "/info\"");
			}
		}
	}

	@Test
	void protectedAddressesNeedAToken() {
		HttpResponse<String> response = viaGateway("/api/content/drafts", "system-401");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"nori\"");
		assertThat(response.body()).contains("\"type\":\"https://nori.dev/problems/unauthorized\"");
	}

	private static HttpResponse<String> viaGateway(String path, String requestId) {
		return TestHttp.get(stack.settings().gatewayPort(), path, requestId);
	}

}
