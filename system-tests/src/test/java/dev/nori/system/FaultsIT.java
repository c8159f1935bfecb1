package dev.nori.system;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import dev.nori.launcher.ManagedProcess;
import dev.nori.testsupport.RedisServerProcess;
import dev.nori.testsupport.TestHttpServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Faults injected into the running stack, each counting what was committed and what
 * arrived: the Kafka broker killed while articles are published, the SMTP server down
 * while users register, Redis stopped and started again, a content-service that stops
 * answering. Outages last {@code nori.system.kafka-outage-seconds} (90) and
 * {@code nori.system.smtp-outage-seconds} (120); shorter for a quick run.
 */
class FaultsIT extends SystemTest {

	private static final Duration KAFKA_OUTAGE = Duration
		.ofSeconds(Long.getLong("nori.system.kafka-outage-seconds", 90));

	private static final Duration SMTP_OUTAGE = Duration
		.ofSeconds(Long.getLong("nori.system.smtp-outage-seconds", 120));

	@Test
	void theKafkaBrokerDownWhileArticlesArePublishedLosesAndDoublesNothing() throws Exception {
		String admin = adminToken();
		String run = UUID.randomUUID().toString().substring(0, 8).replaceAll("[0-9]", "k");
		String word = "outage" + run;
		Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
		HttpServer receiver = TestHttpServer.start((exchange) -> {
			JsonNode event = JSON
				.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			deliveries.computeIfAbsent(event.path("data").path("slug").asString(), (slug) -> new AtomicInteger())
				.incrementAndGet();
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		String endpoint = registerWebhook(receiver, "nori.content.article.published.v1", admin).get("id").asString();
		List<String> committed = new ArrayList<>();
		int refused = 0;
		try {
			// killed, not stopped: no clean shutdown to rely on
			stack.kafka().kill();
			Instant back = Instant.now().plus(KAFKA_OUTAGE);
			// a steady rate of publications, every one answered while the broker is away
			for (int i = 0; Instant.now().isBefore(back); i++) {
				String slug = word + "-" + i;
				HttpResponse<String> created = postViaGateway("/api/content/articles",
						JSON.writeValueAsString(
								Map.of("title", "Outage " + word + " " + i, "slug", slug, "body", "During the outage")),
						admin);
				HttpResponse<String> published = (created.statusCode() == 201) ? postViaGateway(
						"/api/content/articles/" + JSON.readTree(created.body()).path("id").asString() + "/publish", "",
						admin) : created;
				if (published.statusCode() == 200) {
					committed.add(slug);
				}
				else {
					refused++;
				}
				Thread.sleep(500);
			}
		}
		finally {
			stack.kafka().start();
		}
		try {
			assertThat(refused).as("requests refused during the outage").isZero();
			assertThat(committed).isNotEmpty();
			// search-service consumed every event once
			await().atMost(Duration.ofMinutes(3))
				.pollInterval(Duration.ofSeconds(1))
				.untilAsserted(
						() -> assertThat(JSON.readTree(viaGateway("/api/search?q=" + word + "&size=1", "k").body())
							.path("totalItems")
							.asLong()).isEqualTo(committed.size()));
			// notification-service consumed every event once: one webhook delivery each
			await().atMost(Duration.ofMinutes(3))
				.pollInterval(Duration.ofSeconds(1))
				.untilAsserted(() -> assertThat(deliveries.keySet()).containsAll(committed));
			Thread.sleep(3000);
			long repeated = deliveries.values().stream().filter((count) -> count.get() > 1).count();
			SystemReport.count("outage s", KAFKA_OUTAGE.toSeconds());
			SystemReport.count("events committed", committed.size());
			SystemReport.count("in search", committed.size());
			SystemReport.count("webhooks", deliveries.size());
			SystemReport.count("repeated", repeated);
			assertThat(deliveries).hasSize(committed.size());
			assertThat(repeated).isZero();
		}
		finally {
			receiver.stop(0);
			deleteWebhook(endpoint, admin);
		}
	}

	@Test
	void theSmtpServerDownWhileUsersRegisterDeliversEveryMailOnceAfterwards() throws Exception {
		List<String> emails = new ArrayList<>();
		mailbox.stop();
		try {
			Instant back = Instant.now().plus(SMTP_OUTAGE);
			for (int i = 0; i < 5; i++) {
				String email = "smtp-outage-" + i + "-" + UUID.randomUUID().toString().substring(0, 6) + "@example.org";
				expectStatus(postViaGateway("/api/auth/register", "{\"email\":\"" + email
						+ "\",\"password\":\"harbor-lantern-" + UUID.randomUUID() + "\",\"displayName\":\"Outage\"}",
						null), 201);
				emails.add(email);
			}
			Thread.sleep(Math.max(0, Duration.between(Instant.now(), back).toMillis()));
		}
		finally {
			mailbox.restart();
		}
		// retries back off up to 5 minutes: the next attempt after the outage may
		// wait a while
		await().atMost(SMTP_OUTAGE.multipliedBy(2).plusMinutes(2))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> emails.stream().allMatch((email) -> !mailbox.to(email).isEmpty()));
		Thread.sleep(3000);
		long received = emails.stream().mapToLong((email) -> mailbox.to(email).size()).sum();
		SystemReport.count("outage s", SMTP_OUTAGE.toSeconds());
		SystemReport.count("mails expected", emails.size());
		SystemReport.count("received", received);
		assertThat(emails).allSatisfy((email) -> assertThat(mailbox.to(email)).as(email).hasSize(1));
	}

	@Test
	void redisStoppedFailsAuthenticatedRequestsClosedKeepsPublicOnesAndRecoversWithoutRestarts() {
		RedisServerProcess redis = SystemStack.running().redis();
		assumeTrue(redis != null, "needs redis-server on the PATH to give the stack a Redis it can stop");
		String admin = adminToken();
		assertThat(getViaGateway("/api/auth/me", admin).statusCode()).isEqualTo(200);
		redis.stop();
		int publicAnswers = 0;
		try {
			// the documented policy: authenticated requests 503 (revocations cannot be
			// read), public routes answer, rate limits let requests through
			await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
				HttpResponse<String> me = getViaGateway("/api/auth/me", admin);
				assertThat(me.statusCode()).isEqualTo(503);
				assertThat(me.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			});
			for (int i = 0; i < 5; i++) {
				HttpResponse<String> articles = viaGateway("/api/content/articles", "redis-down-" + i);
				assertThat(articles.statusCode()).isEqualTo(200);
				publicAnswers++;
			}
		}
		finally {
			redis.restart();
		}
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(getViaGateway("/api/auth/me", admin).statusCode()).isEqualTo(200));
		HttpResponse<String> limited = viaGateway("/api/content/articles", "redis-back");
		assertThat(limited.headers().firstValue("RateLimit-Limit")).as("rate limits apply again").isPresent();
		// logging in needs Redis too (the lockout counters): it works again
		assertThat(adminToken()).isNotBlank();
		SystemReport.count("public answers while down", publicAnswers);
	}

	@Test
	void aContentServiceThatStopsAnsweringTimesOutThenOpensItsBreakerWhileOtherRoutesAnswer() throws Exception {
		ManagedProcess content = stack.process("content-service");
		signal("STOP", content.pid());
		ExecutorService callers = Executors.newFixedThreadPool(12);
		long timeouts;
		try {
			// concurrent callers: each waits for the 5 s response timeout
			List<Future<HttpResponse<String>>> calls = new ArrayList<>();
			for (int i = 0; i < 12; i++) {
				int call = i;
				calls.add(callers.submit(() -> viaGateway("/api/content/articles?page=" + call, "slow-" + call)));
			}
			List<Integer> statuses = new ArrayList<>();
			for (Future<HttpResponse<String>> call : calls) {
				statuses.add(call.get(60, TimeUnit.SECONDS).statusCode());
			}
			timeouts = statuses.stream().filter((status) -> status == 504 || status == 503).count();
			assertThat(statuses).allMatch((status) -> status == 504 || status == 503);
			// the breaker is open: refused at once, not after the timeout
			long started = System.nanoTime();
			HttpResponse<String> refused = viaGateway("/api/content/articles", "slow-open");
			long tookMillis = (System.nanoTime() - started) / 1_000_000;
			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(tookMillis).as("answered by the open breaker").isLessThan(2000);
			// other routes are not affected
			assertThat(viaGateway("/api/auth/info", "slow-other").statusCode()).isEqualTo(200);
			assertThat(viaGateway("/api/search/info", "slow-other").statusCode()).isEqualTo(200);
		}
		finally {
			signal("CONT", content.pid());
			callers.shutdownNow();
		}
		// half-open after the breaker's wait, closed again once calls succeed
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofSeconds(1))
			.untilAsserted(
					() -> assertThat(viaGateway("/api/content/articles", "slow-back").statusCode()).isEqualTo(200));
		SystemReport.count("timed out or refused", timeouts);
	}

	private static void signal(String signal, long pid) throws Exception {
		Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
		assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(kill.exitValue()).as("kill -" + signal + " " + pid).isZero();
	}

}
