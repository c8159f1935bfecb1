package dev.nori.notification.outgoing;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.nori.contracts.auth.EmailVerificationRequested;
import dev.nori.contracts.auth.PasswordChanged;
import dev.nori.notification.NotificationServiceIT;
import dev.nori.testsupport.TestEvents;
import dev.nori.testsupport.TestMailbox;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Mail triggered by events and by the send API, through a real SMTP server. */
class MailIT extends NotificationServiceIT {

	@Test
	void theSameVerificationEventThreeTimesIsOneMailWithBothPartsAndAWorkingLink() throws Exception {
		String email = "ada-" + UUID.randomUUID() + "@nori.test";
		UUID eventId = UUID.randomUUID();
		var request = new EmailVerificationRequested(UUID.randomUUID(), email, "Ada", "tok/en+1",
				Instant.parse("2026-12-01T10:00:00Z"));
		try (TestEvents events = new TestEvents()) {
			for (int i = 0; i < 3; i++) {
				events.publish(eventId, EmailVerificationRequested.TYPE, request.userId().toString(), request);
			}
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> !mailbox.to(email).isEmpty());
		// the copies were published before the first was sent: had any made a mail, it
		// would be in the log by now
		await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
		assertThat(mailbox.to(email)).hasSize(1);
		assertThat(mailsTo(email, "sent")).isEqualTo(1);

		MimeMessage message = mailbox.to(email).get(0);
		assertThat(message.getSubject()).isEqualTo("Verify your address for Nori");
		assertThat(message.getFrom()[0].toString()).isEqualTo("Nori <no-reply@nori.test>");
		Map<String, String> parts = TestMailbox.parts(message);
		assertThat(parts).containsOnlyKeys("text/plain", "text/html");
		String link = "https://app.nori.test/verify-email?token=tok%2Fen%2B1";
		assertThat(parts.get("text/plain")).contains("Hello Ada,").contains(link).contains("2026-12-01 10:00 UTC");
		assertThat(parts.get("text/html")).contains("href=\"" + link + "\"").contains("Hello <span>Ada</span>");
		assertThat(message.getHeader("Message-ID")[0]).endsWith("@nori.test>");
	}

	@Test
	void templateVariablesAreEscapedInTheHtmlPart() throws Exception {
		String email = "eve-" + UUID.randomUUID() + "@nori.test";
		HttpResponse<String> response = send("POST", "/api/notifications/mails",
				map("template", "verification", "to", email, "variables", map("name", "<script>alert(1)</script>",
						"link", "https://app.nori.test/v?t=1&x=2", "expiresAt", "\"><img src=x onerror=alert(1)>")),
				adminToken());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(20)).until(() -> !mailbox.to(email).isEmpty());
		String html = TestMailbox.parts(mailbox.to(email).get(0)).get("text/html");
		assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
		assertThat(html).doesNotContain("<img").contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
		assertThat(html).contains("href=\"https://app.nori.test/v?t=1&amp;x=2\"");

		JsonNode preview = JSON
			.readTree(send("GET", "/api/notifications/templates/verification/preview", null, adminToken()).body());
		assertThat(preview.get("subject").asString()).isEqualTo("Verify your address for Nori");
		assertThat(preview.get("html").asString()).contains("https://example.com/verify-email?token=sample");
		assertThat(preview.get("text").asString()).startsWith("Hello Ada,");
	}

	@Test
	void everyTemplateRendersItsPreviewForAdministratorsOnly() {
		JsonNode templates = JSON.readTree(send("GET", "/api/notifications/templates", null, adminToken()).body())
			.get("items");
		List<String> names = new ArrayList<>();
		templates.forEach((template) -> names.add(template.get("name").asString()));
		assertThat(names).contains("verification", "password-reset", "welcome", "password-changed", "article-published",
				"webhook-disabled");
		for (String name : names) {
			HttpResponse<String> preview = send("GET", "/api/notifications/templates/" + name + "/preview", null,
					adminToken());
			assertThat(preview.statusCode()).as(name + ": " + preview.body()).isEqualTo(200);
			JsonNode rendered = JSON.readTree(preview.body());
			assertThat(rendered.get("subject").asString()).as(name).isNotBlank().doesNotContain("[(");
			assertThat(rendered.get("html").asString()).as(name).contains("<html").contains("Nori");
			assertThat(rendered.get("text").asString()).as(name).isNotBlank().doesNotContain("[#");
		}
		assertThat(send("GET", "/api/notifications/templates/digest/preview", null, adminToken()).statusCode())
			.isEqualTo(404);
		assertThat(send("GET", "/api/notifications/templates/welcome/preview", null,
				token(UUID.randomUUID().toString(), List.of("notifications.send")))
			.statusCode()).isEqualTo(403);
		assertThat(send("GET", "/api/notifications/templates/welcome/preview", null, null).statusCode()).isEqualTo(401);
	}

	@Test
	void badSendRequestsAreProblemsAndSendNothing() {
		String token = token("client-" + UUID.randomUUID(), List.of("notifications.send"));
		assertProblem(send("POST", "/api/notifications/mails",
				map("template", "no-such", "to", "a@nori.test", "variables", map()), token), "template");
		assertProblem(send("POST", "/api/notifications/mails", map("template", "welcome", "to",
				"Ada <a@nori.test>, b@nori.test", "variables", map("email", "a@nori.test")), token), "to");
		assertProblem(
				send("POST", "/api/notifications/mails",
						map("template", "verification", "to", "a@nori.test", "variables",
								map("name", "A", "link", "javascript:alert(1)", "expiresAt", "soon")),
						token),
				"variables.link");
		assertProblem(
				send("POST", "/api/notifications/mails",
						map("template", "verification", "to", "a@nori.test", "variables", map("name", "A")), token),
				"variables.link");
		assertThat(send("POST", "/api/notifications/mails", "{\"template\":", token).statusCode()).isEqualTo(400);
		assertThat(send("POST", "/api/notifications/mails",
				map("template", "welcome", "to", "a@nori.test", "variables", map("email", "a@nori.test")),
				token(UUID.randomUUID().toString(), List.of("profile.edit")))
			.statusCode()).isEqualTo(403);
		assertThat(mailsTo("a@nori.test", "pending") + mailsTo("a@nori.test", "sent")).isZero();
	}

	@Test
	void oneMailPerIdempotencyKeyAndNoneToASuppressedAddress() {
		String client = "client-" + UUID.randomUUID();
		String email = "kept-" + UUID.randomUUID() + "@nori.test";
		Map<String, Object> request = map("template", "welcome", "to", email, "variables", map("email", email),
				"idempotencyKey", "welcome-" + email);
		String first = JSON
			.readTree(send("POST", "/api/notifications/mails", request, token(client, List.of("notifications.send")))
				.body())
			.get("id")
			.asString();
		String second = JSON
			.readTree(send("POST", "/api/notifications/mails", request, token(client, List.of("notifications.send")))
				.body())
			.get("id")
			.asString();
		assertThat(second).isEqualTo(first);

		String suppressed = "gone-" + UUID.randomUUID() + "@nori.test";
		assertThat(send("POST", "/api/notifications/suppressions",
				map("email", suppressed.toUpperCase(java.util.Locale.ROOT), "reason", "unsubscribe"), adminToken())
			.statusCode()).isEqualTo(201);
		JsonNode held = JSON.readTree(send("POST", "/api/notifications/mails",
				map("template", "welcome", "to", suppressed, "variables", map("email", suppressed)), adminToken())
			.body());
		assertThat(held.get("state").asString()).isEqualTo("suppressed");
		await().atMost(Duration.ofSeconds(20)).until(() -> mailbox.to(email).size() == 1);
		assertThat(mailbox.to(suppressed)).isEmpty();
		assertThat(send("DELETE", "/api/notifications/suppressions/" + suppressed, null, adminToken()).statusCode())
			.isEqualTo(204);
	}

	@Test
	void mailWaitsOutATwoMinuteSmtpOutageAndIsDeliveredOnceEach() throws Exception {
		mailbox.stop();
		List<String> recipients = new ArrayList<>();
		try (TestEvents events = new TestEvents()) {
			for (int i = 0; i < 5; i++) {
				String email = "outage-" + i + "-" + UUID.randomUUID() + "@nori.test";
				recipients.add(email);
				UUID userId = UUID.randomUUID();
				events.publish(UUID.randomUUID(), PasswordChanged.TYPE, userId.toString(),
						new PasswordChanged(userId, email, Instant.now()));
			}
		}
		await().atMost(Duration.ofSeconds(20))
			.until(() -> recipients.stream().allMatch((email) -> attempts(email) >= 2));
		Thread.sleep(Duration.ofMinutes(2));
		for (String email : recipients) {
			assertThat(mailsTo(email, "pending")).as(email).isEqualTo(1);
			assertThat(this.jdbc.sql("select last_error from mails where recipient = ?")
				.param(email)
				.query(String.class)
				.single()).contains("SMTP");
		}
		mailbox.restart();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> recipients.stream().allMatch((email) -> mailsTo(email, "sent") == 1));
		await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
		for (String email : recipients) {
			assertThat(mailbox.to(email)).as(email).hasSize(1);
		}
	}

	private int attempts(String email) {
		return this.jdbc.sql("select coalesce(max(attempts), 0) from mails where recipient = ?")
			.param(email)
			.query(Integer.class)
			.single();
	}

	private static void assertProblem(HttpResponse<String> response, String field) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"" + field + "\"");
	}

}
