package dev.nori.notification.live;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.nori.contracts.auth.PasswordChanged;
import dev.nori.contracts.auth.PermissionsChanged;
import dev.nori.contracts.auth.TokensRevoked;
import dev.nori.contracts.auth.UserRegistered;
import dev.nori.contracts.content.ArticleEvents;
import dev.nori.contracts.content.ArticleSnapshot;
import dev.nori.contracts.jobs.JobAttempted;
import dev.nori.contracts.jobs.JobEvents;
import dev.nori.notification.NotificationApplication;
import dev.nori.notification.NotificationServiceIT;
import dev.nori.testsupport.TestEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Live events over WebSocket and SSE, from the real broker. */
class LiveIT extends NotificationServiceIT {

	private static final String PUBLISHED = ArticleEvents.PUBLISHED.name();

	private static final String PASSWORD_CHANGED = PasswordChanged.TYPE.name();

	@Autowired
	private LiveEventFeed feed;

	@Autowired
	private LiveHub hub;

	@Autowired
	private Environment environment;

	@BeforeEach
	void feedReading() {
		await().atMost(Duration.ofSeconds(30)).until(this.feed::isAssigned);
	}

	@Test
	void aWebSocketClientAndAnSseClientSeeAnArticlePublishedWithinASecond() throws Exception {
		String user = UUID.randomUUID().toString();
		try (WsClient socket = WsClient.open(ws("/ws/events"), token(user, List.of()));
				SseClient stream = SseClient.open(http("/api/notifications/stream?types=" + PUBLISHED),
						token(user, List.of()), null);
				TestEvents events = new TestEvents()) {
			socket.send("{\"action\":\"subscribe\",\"types\":[\"" + PUBLISHED + "\"]}");
			assertThat(JSON.readTree(socket.next(Duration.ofSeconds(5))).get("kind").asString())
				.isEqualTo("subscribed");
			ArticleSnapshot article = article("hello-live", "x");
			UUID eventId = UUID.randomUUID();
			events.publish(eventId, ArticleEvents.PUBLISHED, article.articleId().toString(), article);
			long published = System.nanoTime();

			JsonNode received = JSON.readTree(socket.next(Duration.ofSeconds(1)));
			Map<String, String> streamed = stream.next(Duration.ofSeconds(1));
			assertThat(Duration.ofNanos(System.nanoTime() - published)).isLessThan(Duration.ofSeconds(1));
			assertThat(received.get("kind").asString()).isEqualTo("event");
			assertThat(received.get("id").asString()).isEqualTo(eventId.toString());
			assertThat(received.get("type").asString()).isEqualTo(PUBLISHED);
			assertThat(received.get("data").get("slug").asString()).isEqualTo("hello-live");
			assertThat(streamed).containsEntry("id", eventId.toString()).containsEntry("event", PUBLISHED);
			assertThat(JSON.readTree(streamed.get("data")).get("data").get("title").asString())
				.isEqualTo(article.title());
		}
	}

	@Test
	void aUserNeverSeesAnotherUsersPrivateEvents() throws Exception {
		String ada = UUID.randomUUID().toString();
		String bob = UUID.randomUUID().toString();
		String types = PASSWORD_CHANGED + "," + JobEvents.SUCCEEDED.name();
		try (SseClient adas = SseClient.open(http("/api/notifications/stream?types=" + types), token(ada, List.of()),
				null);
				SseClient bobs = SseClient.open(http("/api/notifications/stream?types=" + types), token(bob, List.of()),
						null);
				SseClient admins = SseClient.open(http("/api/notifications/stream?types=" + types), adminToken(), null);
				TestEvents events = new TestEvents()) {
			events.publish(UUID.randomUUID(), PasswordChanged.TYPE, ada,
					new PasswordChanged(UUID.fromString(ada), "ada@nori.test", Instant.now()));
			events.publish(UUID.randomUUID(), PasswordChanged.TYPE, bob,
					new PasswordChanged(UUID.fromString(bob), "bob@nori.test", Instant.now()));
			UUID job = UUID.randomUUID();
			events.publish(UUID.randomUUID(), JobEvents.SUCCEEDED, job.toString(),
					new JobAttempted(job, "http", "default", 1, 3, null, null, Instant.now(), bob, null));

			List<String> adminSaw = List.of(data(admins.next(Duration.ofSeconds(5))),
					data(admins.next(Duration.ofSeconds(5))), data(admins.next(Duration.ofSeconds(5))));
			assertThat(adminSaw).anyMatch((data) -> data.contains("ada@nori.test"))
				.anyMatch((data) -> data.contains("bob@nori.test"))
				.anyMatch((data) -> data.contains(job.toString()));
			assertThat(data(adas.next(Duration.ofSeconds(5)))).contains("ada@nori.test");
			assertThat(data(bobs.next(Duration.ofSeconds(5)))).contains("bob@nori.test");
			assertThat(data(bobs.next(Duration.ofSeconds(5)))).contains(job.toString());
			// everything was delivered in order: had Ada been sent anything more, it
			// would be here
			assertThat(adas.next(Duration.ofSeconds(2))).isNull();
		}
	}

	@Test
	void aSocketAndAStreamEndWhenTheirTokenExpires() throws Exception {
		String user = UUID.randomUUID().toString();
		// accepted within the 30 s clock skew: both end at exp + skew, 3 s from now
		String expiring = tokenExpiringAt(user, Instant.now().minusSeconds(27));
		long opened = System.nanoTime();
		try (WsClient socket = WsClient.open(ws("/ws/events"), expiring);
				SseClient stream = SseClient.open(http("/api/notifications/stream?types=" + PUBLISHED), expiring, null);
				SseClient lasting = SseClient.open(http("/api/notifications/stream?types=" + PUBLISHED),
						token(user, List.of()), null)) {
			socket.send("{\"action\":\"subscribe\",\"types\":[\"" + PUBLISHED + "\"]}");
			assertThat(JSON.readTree(socket.next(Duration.ofSeconds(5))).get("kind").asString())
				.isEqualTo("subscribed");
			assertThat(socket.closed().get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1008);
			stream.ended().get(10, java.util.concurrent.TimeUnit.SECONDS);
			assertThat(Duration.ofNanos(System.nanoTime() - opened)).isGreaterThan(Duration.ofSeconds(2));
			assertThat(lasting.ended()).isNotDone();
		}
	}

	// the gateway refuses a revoked token from its next request; a stream has none
	@Test
	void revokingASessionOrAllTokensEndsTheirConnectionsAndNoOthers() throws Exception {
		UUID user = UUID.randomUUID();
		UUID loggedOut = UUID.randomUUID();
		UUID other = UUID.randomUUID();
		Instant issued = Instant.now().minusSeconds(5);
		try (TestEvents events = new TestEvents();
				WsClient socket = WsClient.open(ws("/ws/events"), sessionToken(user, loggedOut, issued));
				SseClient sameUser = SseClient.open(http("/api/notifications/stream?types=" + PASSWORD_CHANGED),
						sessionToken(user, other, issued), null);
				SseClient someoneElse = SseClient.open(http("/api/notifications/stream?types=" + PASSWORD_CHANGED),
						sessionToken(UUID.randomUUID(), loggedOut, issued), null)) {
			socket.send("{\"action\":\"subscribe\",\"types\":[\"" + PASSWORD_CHANGED + "\"]}");
			assertThat(JSON.readTree(socket.next(Duration.ofSeconds(5))).get("kind").asString())
				.isEqualTo("subscribed");

			events.publish(UUID.randomUUID(), TokensRevoked.TYPE, user.toString(),
					new TokensRevoked(user, loggedOut, "logout", Instant.now()));
			assertThat(socket.closed().get(10, TimeUnit.SECONDS)).isEqualTo(1008);
			assertThat(socket.closeReason()).isEqualTo("token revoked");
			// the same user's other session, and another user with the same session
			// id (only the pair counts), still receive: one key, so one partition
			// and in order
			events.publish(UUID.randomUUID(), PasswordChanged.TYPE, user.toString(),
					new PasswordChanged(user, "ada@nori.test", Instant.now()));
			assertThat(data(sameUser.next(Duration.ofSeconds(5)))).contains("ada@nori.test");
			assertThat(someoneElse.ended()).isNotDone();

			// logout everywhere: tokens issued before it end, one issued after
			// it does not
			Instant everywhere = Instant.now();
			try (SseClient newer = SseClient.open(http("/api/notifications/stream?types=" + PASSWORD_CHANGED),
					sessionToken(user, UUID.randomUUID(), everywhere.plusSeconds(2)), null)) {
				events.publish(UUID.randomUUID(), TokensRevoked.TYPE, user.toString(),
						new TokensRevoked(user, null, "logout-all", everywhere));
				sameUser.ended().get(10, TimeUnit.SECONDS);
				events.publish(UUID.randomUUID(), PasswordChanged.TYPE, user.toString(),
						new PasswordChanged(user, "after@nori.test", Instant.now()));
				assertThat(data(newer.next(Duration.ofSeconds(5)))).contains("after@nori.test");
				assertThat(someoneElse.ended()).isNotDone();

				// a change of permissions cuts off tokens as well: they carry
				// the old ones
				events.publish(UUID.randomUUID(), PermissionsChanged.TYPE, user.toString(),
						new PermissionsChanged(user, List.of("member"), List.of(), everywhere.plusSeconds(2)));
				newer.ended().get(10, TimeUnit.SECONDS);
				assertThat(someoneElse.ended()).isNotDone();
			}
		}
	}

	@Test
	void badSubscriptionsAreRefusedClearly() throws Exception {
		String user = UUID.randomUUID().toString();
		var unknown = send("GET", "/api/notifications/stream?types=nori.auth.user.password-reset-requested.v1", null,
				token(user, List.of()));
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(unknown.body()).contains("is not a streamable event type");
		var adminOnly = send("GET", "/api/notifications/stream?types=" + UserRegistered.TYPE.name(), null,
				token(user, List.of()));
		assertThat(adminOnly.statusCode()).isEqualTo(403);
		assertThat(adminOnly.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(send("GET", "/api/notifications/stream?types=" + PUBLISHED, null, null).statusCode()).isEqualTo(401);
		try (WsClient socket = WsClient.open(ws("/ws/events"), token(user, List.of()))) {
			socket.send("not json");
			assertThat(JSON.readTree(socket.next(Duration.ofSeconds(5))).get("kind").asString()).isEqualTo("error");
			socket.send("{\"action\":\"subscribe\",\"types\":[\"" + UserRegistered.TYPE.name() + "\"]}");
			JsonNode refused = JSON.readTree(socket.next(Duration.ofSeconds(5)));
			assertThat(refused.get("kind").asString()).isEqualTo("error");
			assertThat(refused.get("detail").asString()).contains("notifications.manage");
			socket.send("{\"action\":\"subscribe\",\"types\":[\"" + PUBLISHED + "\"]}");
			assertThat(JSON.readTree(socket.next(Duration.ofSeconds(5))).get("kind").asString())
				.isEqualTo("subscribed");
		}
	}

	@Test
	void heartbeatsKeepIdleConnectionsAliveAndTheEchoSocketAnswersAnyone() throws Exception {
		String user = UUID.randomUUID().toString();
		try (SseClient stream = SseClient.open(http("/api/notifications/stream?types=" + PUBLISHED),
				token(user, List.of()), null);
				WsClient socket = WsClient.open(ws("/ws/events"), token(user, List.of()));
				WsClient echo = WsClient.open(ws("/ws/echo"), null)) {
			await().atMost(Duration.ofSeconds(5)).until(() -> stream.lines().contains(": heartbeat"));
			await().atMost(Duration.ofSeconds(5)).until(() -> socket.pings() > 0);
			echo.send("{\"hello\":\"nori\"}");
			assertThat(echo.next(Duration.ofSeconds(5))).isEqualTo("{\"hello\":\"nori\"}");
		}
	}

	@Test
	void anSseClientResumesAfterItsLastEventId() throws Exception {
		List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
		String user = UUID.randomUUID().toString();
		try (SseClient first = SseClient.open(http("/api/notifications/stream?types=" + PUBLISHED),
				token(user, List.of()), null); TestEvents events = new TestEvents()) {
			// one key, one partition: the three arrive in the order they were sent
			String key = UUID.randomUUID().toString();
			// the feed reads from the latest offset once its partitions are assigned: a
			// first event that arrives shows it does
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				ArticleSnapshot probe = article("resume-probe-" + UUID.randomUUID(), "x");
				events.publish(UUID.randomUUID(), ArticleEvents.PUBLISHED, key, probe);
				return first.next(Duration.ofSeconds(2)) != null;
			});
			while (first.next(Duration.ofMillis(500)) != null) {
				// probes sent before the first one arrived
			}
			for (UUID id : ids) {
				ArticleSnapshot article = article("resume-" + id, "x");
				events.publish(id, ArticleEvents.PUBLISHED, key, article);
			}
			for (UUID id : ids) {
				assertThat(first.next(Duration.ofSeconds(5))).containsEntry("id", id.toString());
			}
		}
		try (SseClient resumed = SseClient.open(http("/api/notifications/stream?types=" + PUBLISHED),
				token(user, List.of()), ids.get(0).toString())) {
			assertThat(resumed.next(Duration.ofSeconds(5))).containsEntry("id", ids.get(1).toString());
			assertThat(resumed.next(Duration.ofSeconds(5))).containsEntry("id", ids.get(2).toString());
		}
		try (SseClient lost = SseClient.open(http("/api/notifications/stream?types=" + PUBLISHED),
				token(user, List.of()), UUID.randomUUID().toString())) {
			assertThat(lost.next(Duration.ofSeconds(5))).containsEntry("event", "gap");
		}
	}

	@Test
	void aClientThatStopsReadingIsDroppedWhileOthersKeepReceiving() throws Exception {
		// earlier tests' clients are gone once their next heartbeat found them closed:
		// one
		// still here when the burst comes would be dropped too
		await().atMost(Duration.ofSeconds(10)).until(() -> this.hub.connected() == 0);
		String user = UUID.randomUUID().toString();
		long droppedBefore = this.hub.droppedClients();
		String body = "x".repeat(2000);
		Map<UUID, ArticleSnapshot> burst = new LinkedHashMap<>();
		for (int i = 0; i < 6000; i++) {
			burst.put(UUID.randomUUID(), article("burst-" + i, body));
		}
		try (Socket slow = new Socket();
				SseClient fast = SseClient.open(http("/api/notifications/stream?types=" + PUBLISHED),
						token(user, List.of()), null);
				TestEvents events = new TestEvents()) {
			slow.setReceiveBufferSize(4096);
			slow.connect(new InetSocketAddress("127.0.0.1", this.port));
			OutputStream request = slow.getOutputStream();
			request.write(("GET /api/notifications/stream?types=" + PUBLISHED + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
					+ "Authorization: Bearer " + token(user, List.of()) + "\r\nAccept: text/event-stream\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			request.flush();
			int connected = this.hub.connected();
			await().atMost(Duration.ofSeconds(5)).until(() -> this.hub.connected() >= 2);

			// one key: one partition, so the order is the publishing order. Sent in steps
			// the
			// fast client reads before the next, so it never falls a buffer behind on a
			// busy
			// machine; the slow client, which reads nothing, falls further behind with
			// each
			List<UUID> ids = List.copyOf(burst.keySet());
			for (int from = 0; from < ids.size(); from += 500) {
				List<UUID> step = ids.subList(from, Math.min(ids.size(), from + 500));
				Map<UUID, ArticleSnapshot> stepped = new LinkedHashMap<>();
				step.forEach((id) -> stepped.put(id, burst.get(id)));
				events.publishAll(ArticleEvents.PUBLISHED, stepped, (article) -> "burst");
				for (UUID id : step) {
					assertThat(fast.next(Duration.ofSeconds(20))).as("event " + id).containsEntry("id", id.toString());
				}
			}
			assertThat(this.hub.droppedClients()).isEqualTo(droppedBefore + 1);
			// the slow client's response ends (its last chunk comes) once what was in
			// flight is read, long before the burst is
			InputStream unread = slow.getInputStream();
			slow.setSoTimeout(30_000);
			byte[] chunk = new byte[64 * 1024];
			long read = 0;
			String tail = "";
			while (!tail.endsWith("\r\n0\r\n\r\n")) {
				int n = unread.read(chunk);
				assertThat(n).as("the response ended before the connection").isPositive();
				read += n;
				tail = (tail + new String(chunk, 0, n, StandardCharsets.ISO_8859_1));
				tail = tail.substring(Math.max(0, tail.length() - 16));
			}
			assertThat(read).isLessThan(6000L * body.length());
			assertThat(connected).isPositive();
		}
	}

	@Test
	void twoInstancesEachGiveEveryEventToTheirOwnClients() throws Exception {
		List<String> copied = List.of("spring.datasource.url", "spring.datasource.username",
				"spring.kafka.bootstrap-servers", "spring.data.redis.host", "spring.data.redis.port",
				"nori.service.security.issuer", "nori.service.security.jwks-uri", "nori.eventing.consumer.group-id",
				"spring.mail.host", "spring.mail.port", "nori.notifications.mail.driver");
		List<String> arguments = new java.util.ArrayList<>(List.of("--server.port=0", "--management.server.port=0"));
		copied.forEach((name) -> arguments.add("--" + name + "=" + this.environment.getProperty(name)));
		try (ConfigurableApplicationContext second = new SpringApplicationBuilder(NotificationApplication.class)
			.run(arguments.toArray(String[]::new))) {
			LiveEventFeed secondFeed = second.getBean(LiveEventFeed.class);
			await().atMost(Duration.ofSeconds(30)).until(secondFeed::isAssigned);
			int secondPort = Integer.parseInt(second.getEnvironment().getRequiredProperty("local.server.port"));
			String user = UUID.randomUUID().toString();
			try (SseClient here = SseClient.open(http("/api/notifications/stream?types=" + PUBLISHED),
					token(user, List.of()), null);
					SseClient there = SseClient.open(
							URI.create(
									"http://127.0.0.1:" + secondPort + "/api/notifications/stream?types=" + PUBLISHED),
							token(user, List.of()), null);
					TestEvents events = new TestEvents()) {
				UUID eventId = UUID.randomUUID();
				ArticleSnapshot article = article("two-instances", "x");
				events.publish(eventId, ArticleEvents.PUBLISHED, article.articleId().toString(), article);
				assertThat(here.next(Duration.ofSeconds(5))).containsEntry("id", eventId.toString());
				assertThat(there.next(Duration.ofSeconds(5))).containsEntry("id", eventId.toString());
			}
		}
	}

	private static String data(Map<String, String> event) {
		assertThat(event).as("an event").isNotNull();
		return event.get("data");
	}

	private static ArticleSnapshot article(String slug, String body) {
		return new ArticleSnapshot(UUID.randomUUID(), slug, "Title of " + slug, "", body, List.of(), List.of(),
				UUID.randomUUID().toString(), "Ada", "published", Instant.now(), Instant.now(), 1);
	}

	private URI ws(String path) {
		return URI.create("ws://127.0.0.1:" + this.port + path);
	}

	private URI http(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
