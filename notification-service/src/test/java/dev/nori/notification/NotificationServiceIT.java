package dev.nori.notification;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.nori.testsupport.TestHttp;
import dev.nori.testsupport.TestInfrastructure;
import dev.nori.testsupport.TestMailbox;
import dev.nori.testsupport.TestTokenIssuer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One running notification-service for the integration tests: real PostgreSQL, Kafka and
 * an SMTP server (GreenMail) on a port of its own that tests may stop and start again;
 * real RSA-signed tokens. Failed mail comes back after half a second, at most five.
 */
@SpringBootTest(classes = NotificationApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "nori.eventing.consumer.group-id=notification-it-${random.uuid}",
				"nori.notifications.mail.driver=smtp", "nori.notifications.mail.from=Nori <no-reply@nori.test>",
				"nori.notifications.mail.delivery.initial-backoff=500ms",
				"nori.notifications.mail.delivery.max-backoff=5s", "nori.notifications.mail.delivery.max-attempts=100",
				"nori.notifications.mail.delivery.poll-interval=200ms", "spring.mail.host=127.0.0.1",
				"spring.mail.properties.mail.smtp.connectiontimeout=2000",
				"spring.mail.properties.mail.smtp.timeout=5000",
				"nori.notifications.links.verify-email=https://app.nori.test/verify-email?token={token}",
				"nori.notifications.links.password-reset=https://app.nori.test/reset-password?token={token}",
				"nori.notifications.live.heartbeat=500ms", "nori.notifications.webhooks.disable-after=3" })
public abstract class NotificationServiceIT {

	protected static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * The SMTP server the service sends through; tests may stop it and start it again.
	 */
	protected static final TestMailbox mailbox = TestMailbox.start();

	private static final TestTokenIssuer issuer = TestTokenIssuer.start("https://nori.test/api/auth");

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.postgresAndKafka(registry, "nori_test_notification");
		TestInfrastructure.redis(registry);
		registry.add("nori.service.security.issuer", issuer::issuer);
		registry.add("nori.service.security.jwks-uri", () -> issuer.jwksUri().toString());
		registry.add("spring.mail.port", mailbox::port);
	}

	@LocalServerPort
	protected int port;

	@Autowired
	protected JdbcClient jdbc;

	@BeforeEach
	void smtpRunning() {
		mailbox.restart();
	}

	@AfterAll
	static void leaveSmtpRunning() {
		mailbox.restart();
	}

	protected String token(String userId, List<String> permissions) {
		return issuer.token().subject(userId).claim("permissions", permissions).sign();
	}

	protected String tokenExpiringAt(String userId, java.time.Instant expiresAt) {
		return issuer.token()
			.subject(userId)
			.claim("permissions", List.of())
			.issuedAt(expiresAt.minus(java.time.Duration.ofMinutes(10)))
			.expiresAt(expiresAt)
			.sign();
	}

	protected String sessionToken(UUID user, UUID session, java.time.Instant issuedAt) {
		return issuer.token()
			.subject(user.toString())
			.claim("permissions", List.of())
			.claim("sid", session.toString())
			.issuedAt(issuedAt)
			.expiresAt(issuedAt.plus(java.time.Duration.ofMinutes(10)))
			.sign();
	}

	protected String tokenWithEmail(String userId, List<String> permissions, String email) {
		return issuer.token().subject(userId).claim("permissions", permissions).claim("email", email).sign();
	}

	protected String adminToken() {
		return token(UUID.randomUUID().toString(),
				List.of("notifications.manage", "notifications.send", "webhooks.manage"));
	}

	protected HttpResponse<String> send(String method, String path, @Nullable Object body, @Nullable String token) {
		return TestHttp.json(this.port, method, path,
				(body == null) ? null : (body instanceof String text) ? text : JSON.writeValueAsString(body), token);
	}

	protected long mailsTo(String recipient, String state) {
		return this.jdbc.sql("select count(*) from mails where recipient = ? and state = ?")
			.params(recipient, state)
			.query(Long.class)
			.single();
	}

	protected static Map<String, Object> map(Object... keysAndValues) {
		Map<String, Object> map = new java.util.LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

}
