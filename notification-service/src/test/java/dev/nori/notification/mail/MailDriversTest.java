package dev.nori.notification.mail;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import dev.nori.testsupport.TestHttpServer;
import dev.nori.testsupport.TestMailbox;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code log} driver on disk and the {@code http} driver against a real HTTP server.
 */
class MailDriversTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final MailMessage MESSAGE = new MailMessage(UUID.randomUUID(), "Nori <no-reply@nori.test>",
			"ada@nori.test", "Grüße from Nori", "<p>Hello <b>Ada</b></p>", "Hello Ada");

	@Test
	void theLogDriverWritesAMessageAnyMailClientOpens(@TempDir Path directory) throws Exception {
		new LogMailDriver(properties(directory, null, Map.of(), null)).send(MESSAGE);
		Path file = directory.resolve(MESSAGE.id() + ".eml");
		assertThat(file).exists();
		try (InputStream in = Files.newInputStream(file)) {
			MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()), in);
			assertThat(parsed.getSubject()).isEqualTo("Grüße from Nori");
			assertThat(parsed.getMessageID()).isEqualTo("<" + MESSAGE.id() + "@nori.test>");
			assertThat(TestMailbox.parts(parsed)).containsEntry("text/plain", "Hello Ada")
				.containsEntry("text/html", "<p>Hello <b>Ada</b></p>");
		}
		try (var leftovers = Files.list(directory)) {
			assertThat(leftovers.map(Path::getFileName).map(Path::toString)).containsExactly(MESSAGE.id() + ".eml");
		}
	}

	@Test
	void theHttpDriverPostsMappedJsonAndTellsPermanentFromPassingFailures() throws Exception {
		List<String> bodies = new CopyOnWriteArrayList<>();
		List<String> keys = new CopyOnWriteArrayList<>();
		int[] status = { 200 };
		HttpServer api = TestHttpServer.start((exchange) -> {
			bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			keys.add(exchange.getRequestHeaders().getFirst("Authorization"));
			byte[] answer = "{\"message\":\"nope\"}".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(status[0], answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		try {
			HttpMailDriver driver = new HttpMailDriver(properties(Path.of("unused"),
					URI.create("http://127.0.0.1:" + api.getAddress().getPort() + "/emails"),
					Map.of("html", "html_body", "text", "text_body"), "re_test_key"), JSON);
			driver.send(MESSAGE);
			JsonNode sent = JSON.readTree(bodies.get(0));
			assertThat(sent.get("from").asString()).isEqualTo("Nori <no-reply@nori.test>");
			assertThat(sent.get("to").get(0).asString()).isEqualTo("ada@nori.test");
			assertThat(sent.get("html_body").asString()).isEqualTo(MESSAGE.html());
			assertThat(sent.get("text_body").asString()).isEqualTo("Hello Ada");
			assertThat(sent.has("html")).isFalse();
			assertThat(keys.get(0)).isEqualTo("Bearer re_test_key");

			status[0] = 422;
			assertThatThrownBy(() -> driver.send(MESSAGE)).isInstanceOfSatisfying(MailDeliveryException.class,
					(ex) -> assertThat(ex.isPermanent()).isTrue());
			status[0] = 503;
			assertThatThrownBy(() -> driver.send(MESSAGE)).isInstanceOfSatisfying(MailDeliveryException.class,
					(ex) -> assertThat(ex.isPermanent()).isFalse());
			status[0] = 429;
			assertThatThrownBy(() -> driver.send(MESSAGE)).isInstanceOfSatisfying(MailDeliveryException.class,
					(ex) -> assertThat(ex.getMessage()).contains("429"));
		}
		finally {
			api.stop(0);
		}
	}

	@Test
	void anUnknownDriverNameStopsTheServiceNamingTheChoices(@TempDir Path directory) {
		MailProperties properties = new MailProperties("carrier-pigeon", "Nori <no-reply@nori.test>", "Nori",
				new MailProperties.Log(directory), new MailProperties.Http(null, null, null, Duration.ofSeconds(1)),
				delivery());
		assertThatThrownBy(() -> new MailDrivers(List.of(new LogMailDriver(properties)), properties))
			.hasMessageContaining("carrier-pigeon")
			.hasMessageContaining("log");
	}

	private static MailProperties properties(Path directory, URI url, Map<String, String> fields, String key) {
		return new MailProperties("log", "Nori <no-reply@nori.test>", "Nori", new MailProperties.Log(directory),
				new MailProperties.Http(url, key, fields, Duration.ofSeconds(5)), delivery());
	}

	private static MailProperties.Delivery delivery() {
		return new MailProperties.Delivery(3, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(1),
				Duration.ofMinutes(1), 10);
	}

}
