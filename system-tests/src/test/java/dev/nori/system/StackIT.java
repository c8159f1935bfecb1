package dev.nori.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole stack, started by the same launcher as {@code ./nori up} (every service its
 * own process, plus a Kafka broker process), called through the gateway as a user would.
 */
class StackIT {

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

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
			HttpResponse<String> response = get(gateway("/api/" + service.routeKey() + "/info"),
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
			HttpResponse<String> readiness = get("http://127.0.0.1:" + port + "/actuator/health/readiness", null);
			assertThat(readiness.statusCode()).as(service.name()).isEqualTo(200);
		}
	}

	@Test
	void unknownAddressesAreProblemJsonAtTheGateway() {
		HttpResponse<String> response = get(gateway("/api/unknown/thing"), "system-404");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"requestId\":\"system-404\"");
	}

	@Test
	void serviceErrorsReachTheClientAsProblemJson() {
		HttpResponse<String> response = get(gateway("/api/content/no-such-endpoint"), "system-svc-404");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("\"type\":\"https://nori.dev/problems/not-found\"")
			.contains("\"requestId\":\"system-svc-404\"");
	}

	private static String gateway(String path) {
		return "http://127.0.0.1:" + stack.settings().gatewayPort() + path;
	}

	private static HttpResponse<String> get(String url, String requestId) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
		if (requestId != null) {
			request.header("X-Request-ID", requestId);
		}
		try {
			return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
