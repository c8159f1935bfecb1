package dev.nori.system;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.nori.launcher.ServiceSpec;
import com.sun.net.httpserver.HttpServer;
import dev.nori.testsupport.TestHttp;
import dev.nori.testsupport.TestHttpServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What operators see: metrics on every management port, and one trace from a request to
 * every effect it has.
 */
class ObservabilityIT extends SystemTest {

	@Test
	void everyServiceExposesItsOperationalMetricsOnItsManagementPort() {
		// traffic of each kind the metrics describe: a failed login, a job, a request to
		// every service
		assertThat(postViaGateway("/api/auth/login",
				"{\"email\":\"" + ADMIN_EMAIL + "\",\"password\":\"not-the-password-at-all\"}", null)
			.statusCode()).isEqualTo(401);
		String admin = adminToken();
		expectStatus(
				postViaGateway("/api/jobs",
						"{\"type\":\"noop\",\"payload\":{},\"queue\":\"metrics-probe\",\"delaySeconds\":3600}", admin),
				201);
		for (ServiceSpec service : ServiceSpec.ALL) {
			if (!service.isGateway()) {
				viaGateway("/api/" + service.routeKey() + "/info", "system-metrics");
			}
		}
		Map<String, List<String>> expected = Map.of("gateway",
				List.of("http_server_requests_seconds_count", "nori_gateway_ratelimit_rejected_total{policy=\"login\""),
				"auth-service",
				List.of("http_server_requests_seconds_count", "nori_auth_logins_total{outcome=\"failure\"",
						"nori_auth_lockouts_total"),
				"content-service",
				List.of("http_server_requests_seconds_count", "nori_eventing_outbox_backlog",
						"nori_eventing_outbox_oldest_age_seconds"),
				"job-service",
				List.of("http_server_requests_seconds_count",
						"nori_jobs{queue=\"metrics-probe\",state=\"scheduled\"} 1.0"),
				"notification-service",
				List.of("http_server_requests_seconds_count", "nori_notifications_mail_total{outcome=\"sent\"",
						"nori_notifications_mail_total{outcome=\"dead\"", "nori_eventing_consumer_lag"),
				"search-service", List.of("http_server_requests_seconds_count", "nori_search_index_delay_seconds",
						"nori_eventing_consumer_lag"));
		for (ServiceSpec service : ServiceSpec.ALL) {
			int port = stack.settings().managementPort(service);
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				HttpResponse<String> metrics = TestHttp.get(port, "/actuator/prometheus", null);
				assertThat(metrics.statusCode()).as(service.name()).isEqualTo(200);
				assertThat(metrics.body()).as(service.name()).contains(expected.get(service.name()));
			});
		}
		// failed logins are counted where they happen
		HttpResponse<String> auth = TestHttp.get(stack.settings().managementPort(service("auth-service")),
				"/actuator/prometheus", null);
		Matcher failures = Pattern.compile("(?m)^nori_auth_logins_total\\{[^}]*outcome=\"failure\"[^}]*\\} ([0-9.]+)$")
			.matcher(auth.body());
		assertThat(failures.find()).isTrue();
		assertThat(Double.parseDouble(failures.group(1))).isGreaterThanOrEqualTo(1);
	}

	@Test
	void oneTraceFollowsAPublishFromTheGatewayThroughKafkaToSearchAndThroughJobsToTheWebhook() throws Exception {
		String admin = adminToken();
		String published = "nori.content.article.published.v1";
		List<String> traceparents = new CopyOnWriteArrayList<>();
		HttpServer receiver = TestHttpServer.start((exchange) -> {
			exchange.getRequestBody().readAllBytes();
			traceparents.add(String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		String endpoint = null;
		try {
			endpoint = registerWebhook(receiver, published, admin).get("id").asString();
			String slug = "traced-" + UUID.randomUUID().toString().substring(0, 8);
			String id = JSON
				.readTree(expectStatus(
						postViaGateway("/api/content/articles",
								JSON.writeValueAsString(
										Map.of("title", "Traced " + slug, "slug", slug, "body", "Followed")),
								admin),
						201)
					.body())
				.get("id")
				.asString();

			// the client's own trace context: the gateway continues it
			String traceId = randomHex(32);
			String clientSpan = randomHex(16);
			expectStatus(
					send(TestHttp.post(stack.settings().gatewayPort(), "/api/content/articles/" + id + "/publish", "")
						.header("Authorization", "Bearer " + admin)
						.header("traceparent", "00-" + traceId + "-" + clientSpan + "-01")),
					200);

			await().atMost(Duration.ofSeconds(30)).until(() -> !traceparents.isEmpty());
			assertThat(traceparents.get(0)).as("the webhook call's trace context").startsWith("00-" + traceId + "-");
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(traces.trace(traceId))
					.extracting(OtlpTraceReceiver.ReceivedSpan::service)
					.contains("gateway", "content-service", "search-service", "notification-service", "job-service"));
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				Map<String, OtlpTraceReceiver.ReceivedSpan> byId = new java.util.HashMap<>();
				traces.trace(traceId).forEach((span) -> byId.put(span.spanId(), span));
				OtlpTraceReceiver.ReceivedSpan gateway = byId.values()
					.stream()
					.filter((span) -> span.service().equals("gateway") && span.parentSpanId().equals(clientSpan))
					.findFirst()
					.orElseThrow(() -> new AssertionError("no gateway span under the client's span"));
				// each hop's span descends from the gateway's: one unbroken trace
				List<String> hops = List.of("content-service SPAN_KIND_SERVER", "content-service SPAN_KIND_PRODUCER",
						"search-service SPAN_KIND_CONSUMER", "notification-service SPAN_KIND_CONSUMER",
						"notification-service SPAN_KIND_PRODUCER", "job-service SPAN_KIND_CONSUMER");
				for (String hop : hops) {
					assertThat(byId.values()).as(hop + " under the gateway's span; spans: " + byId.values())
						.anyMatch((span) -> (span.service() + " " + span.kind()).equals(hop)
								&& descendsFrom(span, gateway.spanId(), byId));
				}
				assertThat(byId.values()).anyMatch((span) -> span.service().equals("job-service")
						&& span.name().equals("job http") && descendsFrom(span, gateway.spanId(), byId));
			});

			// a redelivery asked of notification-service through the gateway is a trace
			// of its own, which the webhook call continues
			String delivery = JSON
				.readTree(getViaGateway("/api/notifications/webhooks/" + endpoint + "/deliveries", admin).body())
				.get("items")
				.get(0)
				.get("id")
				.asString();
			String redeliveryTrace = randomHex(32);
			expectStatus(send(TestHttp
				.post(stack.settings().gatewayPort(),
						"/api/notifications/webhooks/" + endpoint + "/deliveries/" + delivery + "/redeliver", "")
				.header("Authorization", "Bearer " + admin)
				.header("traceparent", "00-" + redeliveryTrace + "-" + randomHex(16) + "-01")), 202);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(traceparents)
					.anyMatch((header) -> header.startsWith("00-" + redeliveryTrace + "-")));
		}
		finally {
			receiver.stop(0);
			if (endpoint != null) {
				deleteWebhook(endpoint, admin);
			}
		}
	}

	private static boolean descendsFrom(OtlpTraceReceiver.ReceivedSpan span, String ancestor,
			Map<String, OtlpTraceReceiver.ReceivedSpan> byId) {
		OtlpTraceReceiver.ReceivedSpan current = span;
		for (int depth = 0; current != null && depth < 50; depth++) {
			if (current.parentSpanId().equals(ancestor)) {
				return true;
			}
			current = byId.get(current.parentSpanId());
		}
		return false;
	}

	private static String randomHex(int digits) {
		byte[] bytes = new byte[digits / 2];
		new java.security.SecureRandom().nextBytes(bytes);
		return java.util.HexFormat.of().formatHex(bytes);
	}

}
