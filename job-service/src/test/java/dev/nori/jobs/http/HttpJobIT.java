package dev.nori.jobs.http;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import dev.nori.jobs.JobServiceIT;
import dev.nori.testsupport.TestHttpServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code http} jobs against a real HTTP server on loopback (allowed in the tests). */
class HttpJobIT extends JobServiceIT {

	@Test
	void aSignedWebhookIsDeliveredAndVerifies() throws Exception {
		List<Headers> received = new CopyOnWriteArrayList<>();
		List<String> bodies = new CopyOnWriteArrayList<>();
		HttpServer server = TestHttpServer.start((exchange) -> {
			received.add(exchange.getRequestHeaders());
			bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		try {
			String body = "{\"event\":\"article.published\"}";
			String id = enqueue(Map.of("type", "http", "payload",
					Map.of("method", "POST", "url", "http://127.0.0.1:" + server.getAddress().getPort() + "/hook",
							"headers", Map.of("Content-Type", "application/json"), "body", body, "secret", "hooks")))
				.get("id")
				.asString();
			await().atMost(Duration.ofSeconds(10)).until(() -> "succeeded".equals(job(id).get("state").asString()));
			Headers headers = received.get(0);
			assertThat(headers.getFirst("webhook-id")).isEqualTo("msg_" + id);
			String signed = headers.getFirst("webhook-id") + "." + headers.getFirst("webhook-timestamp") + "."
					+ bodies.get(0);
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(Base64.getDecoder().decode(WEBHOOK_SECRET.substring("whsec_".length())),
					"HmacSHA256"));
			assertThat(headers.getFirst("webhook-signature")).isEqualTo(
					"v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8))));
			assertThat(bodies.get(0)).isEqualTo(body);
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void anAnswerOutside2xxFailsTheAttempt() {
		HttpServer server = TestHttpServer.start((exchange) -> {
			exchange.getRequestBody().readAllBytes();
			exchange.sendResponseHeaders(503, -1);
			exchange.close();
		});
		try {
			String id = enqueue(Map.of("type", "http", "payload",
					Map.of("method", "GET", "url", "http://127.0.0.1:" + server.getAddress().getPort() + "/down")))
				.get("id")
				.asString();
			await().atMost(Duration.ofSeconds(10)).until(() -> "retrying".equals(job(id).get("state").asString()));
			assertThat(job(id).get("lastError").asString()).contains("answered 503");
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void privateAndMetadataAddressesAreRefusedAtEnqueue() {
		for (String url : List.of("http://169.254.169.254/latest/meta-data/iam", "http://10.0.0.1/admin",
				"gopher://127.0.0.1/")) {
			HttpResponse<String> response = send("POST", "/api/jobs",
					Map.of("type", "http", "payload", Map.of("method", "GET", "url", url)), token(MANAGER));
			assertThat(response.statusCode()).as(url).isEqualTo(400);
			JsonNode error = JSON.readTree(response.body()).get("errors").get(0);
			assertThat(error.get("field").asString()).isEqualTo("payload");
		}
		HttpResponse<String> unknownSecret = send("POST", "/api/jobs", Map.of("type", "http", "payload",
				Map.of("method", "POST", "url", "http://127.0.0.1:1/x", "secret", "nope")), token(MANAGER));
		assertThat(unknownSecret.body()).contains("secret names no configured secret");
	}

	@Test
	void aJobsOwnSigningSecretSignsKeepsTheGivenMessageIdAndIsNeverShown() throws Exception {
		List<Headers> received = new CopyOnWriteArrayList<>();
		HttpServer server = TestHttpServer.start((exchange) -> {
			received.add(exchange.getRequestHeaders());
			exchange.getRequestBody().readAllBytes();
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		try {
			String secret = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
			String body = "{\"type\":\"nori.content.article.published.v1\"}";
			String id = enqueue(Map.of("type", "http", "payload",
					Map.of("method", "POST", "url", "http://127.0.0.1:" + server.getAddress().getPort() + "/hook",
							"headers", Map.of("webhook-id", "msg_delivery-1"), "body", body, "signingSecret", secret)))
				.get("id")
				.asString();
			await().atMost(Duration.ofSeconds(10)).until(() -> "succeeded".equals(job(id).get("state").asString()));
			Headers headers = received.get(0);
			assertThat(headers.get("webhook-id")).containsExactly("msg_delivery-1");
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
			String signed = "msg_delivery-1." + headers.getFirst("webhook-timestamp") + "." + body;
			assertThat(headers.getFirst("webhook-signature")).isEqualTo(
					"v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8))));
			assertThat(job(id).get("payload").get("signingSecret").asString()).isEqualTo("[redacted]");
			assertThat(job(id).toString()).doesNotContain(secret.substring("whsec_".length()));
		}
		finally {
			server.stop(0);
		}
		HttpResponse<String> bad = send("POST", "/api/jobs",
				Map.of("type", "http", "payload",
						Map.of("method", "POST", "url", "http://127.0.0.1:1/x", "signingSecret", "whsec_short")),
				token(MANAGER));
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.body()).contains("signingSecret must be whsec_");
	}

}
