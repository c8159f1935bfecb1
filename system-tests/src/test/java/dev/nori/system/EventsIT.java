package dev.nori.system;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;
import dev.nori.testsupport.TestHttpServer;
import dev.nori.testsupport.TestMailbox;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Domain events leaving the platform: live streams, signed webhooks, and a search index
 * that survives its service being killed.
 */
class EventsIT extends SystemTest {

	@Test
	void aPublishedArticleReachesAnEventStreamAndASignedWebhookAndAFailingReceiverIsDisabled() throws Exception {
		String admin = adminToken();
		String published = "nori.content.article.published.v1";
		List<Map<String, String>> received = new CopyOnWriteArrayList<>();
		HttpServer receiver = TestHttpServer.start((exchange) -> {
			received.add(Map.of("id", exchange.getRequestHeaders().getFirst("webhook-id"), "timestamp",
					exchange.getRequestHeaders().getFirst("webhook-timestamp"), "signature",
					exchange.getRequestHeaders().getFirst("webhook-signature"), "body",
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		HttpServer failing = TestHttpServer.start((exchange) -> {
			exchange.getRequestBody().readAllBytes();
			exchange.sendResponseHeaders(500, -1);
			exchange.close();
		});
		try {
			JsonNode working = registerWebhook(receiver, published, admin);
			JsonNode broken = registerWebhook(failing, published, admin);
			EventStream stream = openEventStream(published, admin);

			String slug = "live-" + UUID.randomUUID().toString().substring(0, 8);
			String id = JSON
				.readTree(
						expectStatus(
								postViaGateway("/api/content/articles",
										JSON.writeValueAsString(
												Map.of("title", "Live " + slug, "slug", slug, "body", "Hello")),
										admin),
								201)
							.body())
				.get("id")
				.asString();
			expectStatus(postViaGateway("/api/content/articles/" + id + "/publish", "", admin), 200);

			stream.nextData(slug);
			stream.close();

			await().atMost(Duration.ofSeconds(30)).until(() -> !received.isEmpty());
			Map<String, String> delivery = received.get(0);
			JsonNode body = JSON.readTree(delivery.get("body"));
			assertThat(body.get("type").asString()).isEqualTo(published);
			assertThat(body.get("data").get("slug").asString()).isEqualTo(slug);
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(
					Base64.getDecoder().decode(working.get("secret").asString().substring("whsec_".length())),
					"HmacSHA256"));
			String signed = delivery.get("id") + "." + delivery.get("timestamp") + "." + delivery.get("body");
			assertThat(delivery.get("signature")).isEqualTo(
					"v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8))));
			await().atMost(Duration.ofSeconds(30))
				.until(() -> "succeeded".equals(JSON.readTree(getViaGateway(
						"/api/notifications/webhooks/" + working.get("id").asString() + "/deliveries", admin)
					.body()).get("items").get(0).get("state").asString()));

			// three attempts (job-service retries after 1 s, then 2 s), then the endpoint
			// is disabled and its owner told
			await().atMost(Duration.ofSeconds(60))
				.until(() -> !JSON
					.readTree(getViaGateway("/api/notifications/webhooks/" + broken.get("id").asString(), admin).body())
					.get("enabled")
					.asBoolean());
			JsonNode dead = JSON
				.readTree(getViaGateway("/api/notifications/webhooks/" + broken.get("id").asString() + "/deliveries",
						admin)
					.body())
				.get("items")
				.get(0);
			assertThat(dead.get("attempts").asInt()).isEqualTo(3);
			assertThat(dead.get("lastError").asString()).contains("answered 500");
			await().atMost(Duration.ofSeconds(30))
				.until(() -> mailbox.to(ADMIN_EMAIL)
					.stream()
					.anyMatch((mail) -> TestMailbox.parts(mail)
						.get("text/plain")
						.contains("127.0.0.1:" + failing.getAddress().getPort())));
		}
		finally {
			receiver.stop(0);
			failing.stop(0);
			// later journeys publish articles: no endpoint of this test receives them
			JsonNode endpoints = JSON.readTree(getViaGateway("/api/notifications/webhooks", admin).body()).get("items");
			for (JsonNode endpoint : endpoints) {
				deleteWebhook(endpoint.get("id").asString(), admin);
			}
		}
	}

	@Test
	void searchKilledWhileArticlesAreWrittenCatchesUpAfterARestartWithNothingMissing() throws Exception {
		String admin = adminToken();
		String run = UUID.randomUUID().toString().substring(0, 8).replaceAll("[0-9]", "x");
		String word = "catchup" + run;
		int articles = 40;
		List<String> published = new CopyOnWriteArrayList<>();
		Thread writer = Thread.ofVirtual().start(() -> {
			for (int i = 0; i < articles; i++) {
				String id = JSON
					.readTree(
							expectStatus(
									postViaGateway("/api/content/articles",
											JSON.writeValueAsString(Map.of("title", "Catch up " + word + " " + i,
													"body", "Body " + i, "tags", List.of("catchup-" + run))),
											admin),
									201)
								.body())
					.get("id")
					.asString();
				expectStatus(postViaGateway("/api/content/articles/" + id + "/publish", "", admin), 200);
				published.add(id);
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		});
		await().atMost(Duration.ofSeconds(60)).until(() -> published.size() >= 10);
		stack.process("search-service").kill();
		await().atMost(Duration.ofSeconds(10)).until(() -> !stack.process("search-service").isAlive());
		Thread.sleep(1500);
		stack.startAgain("search-service");
		writer.join(Duration.ofMinutes(2));
		assertThat(published).hasSize(articles);

		JsonNode listed = JSON
			.readTree(getViaGateway("/api/content/articles?tag=catchup-" + run + "&size=100", admin).body());
		List<String> inContent = new ArrayList<>();
		listed.get("items").forEach((item) -> inContent.add(item.get("id").asString()));
		assertThat(inContent).containsExactlyInAnyOrderElementsOf(published);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> JSON.readTree(getViaGateway("/api/search?q=" + word + "&size=50", null).body())
				.get("totalItems")
				.asLong() == articles);
		List<String> found = new ArrayList<>();
		JSON.readTree(getViaGateway("/api/search?q=" + word + "&size=50", null).body())
			.get("items")
			.forEach((item) -> found.add(item.get("id").asString()));
		assertThat(found).containsExactlyInAnyOrderElementsOf(inContent);

		// a rebuild from content-service's snapshots finds the same
		assertThat(postViaGateway("/api/search/admin/reindex", "", admin).statusCode()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> "done".equals(
					JSON.readTree(getViaGateway("/api/search/admin/reindex", admin).body()).get("state").asString()));
		List<String> rebuilt = new ArrayList<>();
		JSON.readTree(getViaGateway("/api/search?q=" + word + "&size=50", null).body())
			.get("items")
			.forEach((item) -> rebuilt.add(item.get("id").asString()));
		assertThat(rebuilt).containsExactlyInAnyOrderElementsOf(inContent);
		SystemReport.count("articles published", published.size());
		SystemReport.count("in search after restart", found.size());
		SystemReport.count("after rebuild", rebuilt.size());
	}

}
