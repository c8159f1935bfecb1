package dev.nori.notification.webhook;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.nori.contracts.auth.PasswordChanged;
import dev.nori.contracts.auth.UserRegistered;
import dev.nori.contracts.jobs.EnqueueJobRequested;
import dev.nori.contracts.jobs.JobAttempted;
import dev.nori.contracts.jobs.JobEvents;
import dev.nori.notification.NotificationServiceIT;
import dev.nori.testsupport.TestEvents;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhook endpoints, their deliveries as job commands, and the delivery log. job-service
 * does not run here: the job lifecycle events are published by the test as job-service
 * publishes them. The signed HTTP call itself is tested through the whole stack
 * (EventsIT) and in job-service's HttpJobIT.
 */
class WebhookIT extends NotificationServiceIT {

	private static final String RECEIVER = "https://93.184.216.34/hooks/nori";

	@Test
	void badEndpointsAreRefusedWithClearProblems() {
		String user = UUID.randomUUID().toString();
		String token = token(user, List.of("webhooks.manage"));
		String type = PasswordChanged.TYPE.name();
		for (String url : List.of("http://127.0.0.1:9000/hook", "http://10.0.0.1/hook",
				"http://169.254.169.254/latest/meta-data/", "ftp://93.184.216.34/x", "not a url", "/relative")) {
			HttpResponse<String> refused = register(token, url, List.of(type));
			assertThat(refused.statusCode()).as(url).isEqualTo(400);
			assertThat(JSON.readTree(refused.body()).get("errors").get(0).get("field").asString()).as(url)
				.isEqualTo("url");
		}
		HttpResponse<String> unknown = register(token, RECEIVER, List.of("nori.auth.user.password-reset-requested.v1"));
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(unknown.body()).contains("not an event type webhooks carry");
		assertThat(register(token, RECEIVER, List.of()).statusCode()).isEqualTo(400);
		assertThat(register(token, RECEIVER, List.of(UserRegistered.TYPE.name())).statusCode()).isEqualTo(403);
		assertThat(register(token(user, List.of()), RECEIVER, List.of(type)).statusCode()).isEqualTo(403);
		assertThat(this.jdbc.sql("select count(*) from webhook_endpoints where owner_id = ?")
			.param(user)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void anEventBecomesOneSignedJobCommandPerEndpointThatMaySeeIt() {
		String ada = UUID.randomUUID().toString();
		String bob = UUID.randomUUID().toString();
		String type = PasswordChanged.TYPE.name();
		JsonNode adas = JSON.readTree(register(token(ada, List.of("webhooks.manage")), RECEIVER, List.of(type)).body());
		JsonNode bobs = JSON.readTree(register(token(bob, List.of("webhooks.manage")), RECEIVER, List.of(type)).body());
		String secret = adas.get("secret").asString();
		assertThat(secret).startsWith("whsec_");
		assertThat(JSON
			.readTree(send("GET", "/api/notifications/webhooks/" + adas.get("id").asString(), null,
					token(ada, List.of("webhooks.manage")))
				.body())
			.get("secret")
			.isNull()).isTrue();
		assertThat(send("GET", "/api/notifications/webhooks/" + adas.get("id").asString(), null,
				token(bob, List.of("webhooks.manage")))
			.statusCode()).isEqualTo(404);

		UUID eventId = UUID.randomUUID();
		try (TestEvents events = new TestEvents()) {
			for (int i = 0; i < 3; i++) {
				events.publish(eventId, PasswordChanged.TYPE, ada,
						new PasswordChanged(UUID.fromString(ada), "ada@nori.test", Instant.now()));
			}
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> deliveries(adas).size() == 1);
		await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
		assertThat(deliveries(adas)).hasSize(1);
		assertThat(deliveries(bobs)).isEmpty();

		JsonNode delivery = deliveries(adas).get(0);
		JsonNode command = command(delivery.get("id").asString());
		assertThat(command.get("type").asString()).isEqualTo("http");
		assertThat(command.get("queue").asString()).isEqualTo("webhooks");
		JsonNode payload = command.get("payload");
		assertThat(payload.get("url").asString()).isEqualTo(RECEIVER);
		assertThat(payload.get("signingSecret").asString()).isEqualTo(secret);
		assertThat(payload.get("headers").get("webhook-id").asString()).isEqualTo(delivery.get("messageId").asString());
		JsonNode body = JSON.readTree(payload.get("body").asString());
		assertThat(body.get("type").asString()).isEqualTo(type);
		assertThat(body.get("id").asString()).isEqualTo(eventId.toString());
		assertThat(body.get("data").get("email").asString()).isEqualTo("ada@nori.test");
	}

	@Test
	void aRunOfFailedAttemptsDisablesTheEndpointAndMailsItsOwner() throws Exception {
		String owner = UUID.randomUUID().toString();
		String email = "owner-" + owner + "@nori.test";
		String token = ownerToken(owner, email);
		String type = PasswordChanged.TYPE.name();
		JsonNode endpoint = JSON.readTree(register(token, RECEIVER, List.of(type)).body());
		try (TestEvents events = new TestEvents()) {
			events.publish(UUID.randomUUID(), PasswordChanged.TYPE, owner,
					new PasswordChanged(UUID.fromString(owner), email, Instant.now()));
			await().atMost(Duration.ofSeconds(20)).until(() -> deliveries(endpoint).size() == 1);
			JsonNode delivery = deliveries(endpoint).get(0);
			UUID job = UUID.randomUUID();
			String key = "webhook:" + delivery.get("id").asString();
			// job-service's lifecycle events for the delivery's job: two
			// retries, then dead
			events.publish(UUID.randomUUID(), JobEvents.FAILED, job.toString(), new JobAttempted(job, "http",
					"webhooks", 1, 3, "POST 93.184.216.34 answered 503", Instant.now(), Instant.now(), "kafka", key));
			events.publish(UUID.randomUUID(), JobEvents.FAILED, job.toString(), new JobAttempted(job, "http",
					"webhooks", 2, 3, "POST 93.184.216.34 answered 503", Instant.now(), Instant.now(), "kafka", key));
			await().atMost(Duration.ofSeconds(20))
				.until(() -> "retrying".equals(deliveries(endpoint).get(0).get("state").asString())
						&& deliveries(endpoint).get(0).get("attempts").asInt() == 2);
			assertThat(endpoint(endpoint, token).get("enabled").asBoolean()).isTrue();
			events.publish(UUID.randomUUID(), JobEvents.DEAD, job.toString(), new JobAttempted(job, "http", "webhooks",
					3, 3, "POST 93.184.216.34 answered 500", null, Instant.now(), "kafka", key));
			await().atMost(Duration.ofSeconds(20)).until(() -> !endpoint(endpoint, token).get("enabled").asBoolean());
			JsonNode disabled = endpoint(endpoint, token);
			assertThat(disabled.get("consecutiveFailures").asInt()).isEqualTo(3);
			assertThat(disabled.get("disabledReason").asString()).contains("answered 500");
			JsonNode dead = deliveries(endpoint).get(0);
			assertThat(dead.get("state").asString()).isEqualTo("dead");
			assertThat(dead.get("lastError").asString()).contains("answered 500");
			// besides the mail about the changed password itself
			await().atMost(Duration.ofSeconds(20))
				.until(() -> mailbox.to(email)
					.stream()
					.anyMatch((mail) -> subject(mail).equals("Your Nori webhook endpoint was disabled")));

			// disabled: new events make no deliveries; enabled again: they do, and a
			// redelivery repeats the message id
			assertThat(
					send("POST",
							"/api/notifications/webhooks/" + endpoint.get("id").asString() + "/deliveries/"
									+ dead.get("id").asString() + "/redeliver",
							null, token)
						.statusCode())
				.isEqualTo(409);
			assertThat(send("POST", "/api/notifications/webhooks/" + endpoint.get("id").asString() + "/enable", null,
					token)
				.statusCode()).isEqualTo(200);
			HttpResponse<String> again = send("POST", "/api/notifications/webhooks/" + endpoint.get("id").asString()
					+ "/deliveries/" + dead.get("id").asString() + "/redeliver", null, token);
			assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
			JsonNode redelivery = JSON.readTree(again.body());
			assertThat(redelivery.get("messageId").asString()).isEqualTo(dead.get("messageId").asString());
			assertThat(redelivery.get("redeliveryOf").asString()).isEqualTo(dead.get("id").asString());
			UUID second = UUID.randomUUID();
			events.publish(UUID.randomUUID(), JobEvents.SUCCEEDED, second.toString(),
					new JobAttempted(second, "http", "webhooks", 1, 3, null, null, Instant.now(), "kafka",
							"webhook:" + redelivery.get("id").asString()));
			await().atMost(Duration.ofSeconds(20))
				.until(() -> deliveries(endpoint).stream()
					.anyMatch((each) -> "succeeded".equals(each.get("state").asString())
							&& each.get("latencyMillis").isNumber()));
			assertThat(endpoint(endpoint, token).get("consecutiveFailures").asInt()).isZero();
		}
	}

	private HttpResponse<String> register(String token, String url, List<String> types) {
		return send("POST", "/api/notifications/webhooks", Map.of("url", url, "eventTypes", types), token);
	}

	private String ownerToken(String userId, String email) {
		return tokenWithEmail(userId, List.of("webhooks.manage"), email);
	}

	private JsonNode endpoint(JsonNode endpoint, String token) {
		return JSON
			.readTree(send("GET", "/api/notifications/webhooks/" + endpoint.get("id").asString(), null, token).body());
	}

	private List<JsonNode> deliveries(JsonNode endpoint) {
		JsonNode items = JSON
			.readTree(send("GET", "/api/notifications/webhooks/" + endpoint.get("id").asString() + "/deliveries", null,
					adminToken())
				.body())
			.get("items");
		List<JsonNode> list = new java.util.ArrayList<>();
		items.forEach(list::add);
		return list;
	}

	private JsonNode command(String deliveryId) {
		List<String> commands = this.jdbc.sql("select data from eventing.outbox where type = ? and data like ?")
			.params(EnqueueJobRequested.TYPE.name(), "%webhook:" + deliveryId + "%")
			.query(String.class)
			.list();
		assertThat(commands).hasSize(1);
		return JSON.readTree(commands.get(0));
	}

	private static String subject(jakarta.mail.internet.MimeMessage mail) {
		try {
			return mail.getSubject();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
