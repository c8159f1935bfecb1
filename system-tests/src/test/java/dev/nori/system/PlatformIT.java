package dev.nori.system;

import java.net.http.HttpResponse;
import java.time.Duration;

import dev.nori.launcher.BootstrapAdmin;
import dev.nori.launcher.DemoSeed;
import dev.nori.launcher.ServiceSpec;
import dev.nori.testsupport.TestHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The platform through the gateway: every service answers, is ready, speaks problem JSON
 * and is described in one OpenAPI document.
 */
class PlatformIT extends SystemTest {

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
		// a service builds its document at the first request, which may take longer than
		// the gateway waits; a document missing a service is asked for again within
		// seconds (not after the 30 s cache period)
		HttpResponse<String> response = await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> viaGateway("/docs/openapi.json", "system-docs"),
					(answer) -> answer.statusCode() == 200 && !answer.body().contains("x-nori-missing"));
		assertThat(response.body()).doesNotContain("/internal/");
		assertThat(response.body()).contains("\"/api/auth/login\"").contains("\"/api/auth/api-keys\"");
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

	@Test
	void theDemoSeedLoadsThroughTheGatewayOnceAndAgainAddsNothing() {
		DemoSeed seed = new DemoSeed("http://127.0.0.1:" + stack.settings().gatewayPort(),
				BootstrapAdmin.of(stack.settings()), System.out);
		DemoSeed.Result first = seed.run();
		assertThat(first).isEqualTo(new DemoSeed.Result(40, 210, first.posts(), 5, first.requests()));
		assertThat(first.posts()).isPositive();

		JsonNode published = JSON.readTree(getViaGateway("/api/content/articles?size=1", null).body());
		assertThat(published.get("totalItems").asLong()).isGreaterThanOrEqualTo(180);
		JsonNode tree = JSON.readTree(getViaGateway("/api/content/categories", null).body());
		assertThat(tree.valueStream().map((node) -> node.get("depth").asInt()).distinct()).contains(1, 2, 3);
		// authors' names come from auth-service's events
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(JSON.readTree(getViaGateway("/api/content/articles/demo-article-001", null).body())
						.get("author")
						.get("displayName")
						.asString()).endsWith("Author"));
		JsonNode upload = JSON
			.readTree(getViaGateway("/api/content/uploads?article="
					+ JSON.readTree(getViaGateway("/api/content/articles/demo-article-001", null).body())
						.get("id")
						.asString(),
					null)
				.body())
			.get(0);
		// the stack stores uploads in S3: the content address redirects to a short-lived
		// presigned URL of the object
		HttpResponse<String> image = getViaGateway(upload.get("contentUrl").asString(), null);
		assertThat(image.statusCode()).isEqualTo(302);
		assertThat(image.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		String location = image.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith(dev.nori.testsupport.TestS3.get().endpoint()).contains("X-Amz-Signature=");
		HttpResponse<String> object = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(location)));
		assertThat(object.statusCode()).isEqualTo(200);
		assertThat(object.headers().firstValue("Content-Type")).hasValue("image/png");

		DemoSeed.Result again = seed.run();
		assertThat(again).isEqualTo(new DemoSeed.Result(0, 0, 0, 0, again.requests()));
	}

}
