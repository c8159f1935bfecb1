package dev.nori.system;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;

import dev.nori.launcher.ServiceSpec;
import dev.nori.launcher.Stack;
import dev.nori.testsupport.TestHttp;
import dev.nori.testsupport.TestMailbox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A system test: it runs against the shared {@link SystemStack} and calls it through the
 * gateway as a user would. Every request and response made through these helpers is
 * searched for tokens, passwords and secrets, which no service may log.
 */
@ExtendWith(SystemStack.class)
abstract class SystemTest {

	protected static final JsonMapper JSON = JsonMapper.builder().build();

	protected static final String ADMIN_EMAIL = SystemStack.ADMIN_EMAIL;

	protected static final String ADMIN_PASSWORD = SystemStack.ADMIN_PASSWORD;

	private static final Pattern SECRET_FIELD = Pattern.compile(
			"\"(accessToken|refreshToken|password|newPassword|currentPassword|secret|token)\"\\s*:\\s*\"([^\"]{12,})\"");

	private static final Pattern SESSION_COOKIE = Pattern.compile("(?:^|;\\s*)NORI_SESSION=([^;]{12,})");

	protected static Stack stack;

	protected static TestMailbox mailbox;

	protected static OtlpTraceReceiver traces;

	@BeforeAll
	static void joinTheStack() {
		SystemStack.Running running = SystemStack.running();
		stack = running.stack();
		mailbox = running.mailbox();
		traces = running.traces();
	}

	protected static ServiceSpec service(String name) {
		return ServiceSpec.ALL.stream().filter((service) -> service.name().equals(name)).findFirst().orElseThrow();
	}

	protected static HttpResponse<String> send(HttpRequest.Builder request) {
		return remembered(null, TestHttp.send(request));
	}

	protected static String adminToken() {
		HttpResponse<String> login = postViaGateway("/api/auth/login",
				"{\"email\":\"" + ADMIN_EMAIL + "\",\"password\":\"" + ADMIN_PASSWORD + "\"}", null);
		assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
		return JSON.readTree(login.body()).get("accessToken").asString();
	}

	protected static HttpResponse<String> getViaGateway(String path, String accessToken) {
		var request = TestHttp.get(stack.settings().gatewayPort(), path);
		if (accessToken != null) {
			request.header("Authorization", "Bearer " + accessToken);
		}
		return remembered(null, TestHttp.send(request));
	}

	protected static HttpResponse<String> postViaGateway(String path, String json, String accessToken) {
		var request = TestHttp.post(stack.settings().gatewayPort(), path, json);
		if (accessToken != null) {
			request.header("Authorization", "Bearer " + accessToken);
		}
		return remembered(json, TestHttp.send(request));
	}

	protected static HttpResponse<String> viaGateway(String path, String requestId) {
		return TestHttp.get(stack.settings().gatewayPort(), path, requestId);
	}

	protected static HttpResponse<String> expectStatus(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		return response;
	}

	/**
	 * Registers a webhook endpoint at a local receiver.
	 * @return the endpoint as notification-service answered (its {@code id},
	 * {@code secret}, …)
	 */
	protected static JsonNode registerWebhook(HttpServer receiver, String eventType, String admin) {
		return JSON.readTree(expectStatus(postViaGateway("/api/notifications/webhooks",
				JSON.writeValueAsString(Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks",
						"eventTypes", List.of(eventType))),
				admin), 201)
			.body());
	}

	/** Removes a webhook endpoint, so that later tests' events do not reach it. */
	protected static void deleteWebhook(String id, String admin) {
		send(TestHttp.get(stack.settings().gatewayPort(), "/api/notifications/webhooks/" + id)
			.DELETE()
			.header("Authorization", "Bearer " + admin));
	}

	/**
	 * Subscribes to the live event stream (Server-Sent Events) through the gateway.
	 * @return the subscription, whose lines arrive until it is closed
	 */
	protected static EventStream openEventStream(String types, String token) throws Exception {
		BlockingQueue<String> lines = new LinkedBlockingQueue<>();
		HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
			.send(TestHttp.get(stack.settings().gatewayPort(), "/api/notifications/stream?types=" + types)
				.header("Authorization", "Bearer " + token)
				.build(), HttpResponse.BodyHandlers.ofLines());
		assertThat(response.statusCode()).isEqualTo(200);
		Thread.ofVirtual().start(() -> {
			try {
				response.body().forEach(lines::add);
			}
			catch (RuntimeException ex) {
				// the subscription was closed
			}
		});
		return new EventStream(lines, response);
	}

	/**
	 * A live event subscription.
	 *
	 * @param lines the lines received
	 * @param response the open response
	 */
	protected record EventStream(BlockingQueue<String> lines,
			HttpResponse<Stream<String>> response) implements AutoCloseable {

		/**
		 * Waits for a data line holding a text.
		 * @return the line
		 */
		String nextData(String containing) throws InterruptedException {
			String line;
			do {
				line = this.lines.poll(30, TimeUnit.SECONDS);
				assertThat(line).as("an event holding " + containing + " on the stream").isNotNull();
			}
			while (!line.startsWith("data:") || !line.contains(containing));
			return line;
		}

		@Override
		public void close() {
			this.response.body().close();
		}

	}

	/** Adds a secret obtained elsewhere (a Keycloak token) to those no log may hold. */
	protected static String remember(String secret) {
		SystemStack.running().secretsUsed().add(secret);
		return secret;
	}

	// what the logs are searched for when the stack stops
	private static HttpResponse<String> remembered(String request, HttpResponse<String> response) {
		var secrets = SystemStack.running().secretsUsed();
		for (String text : new String[] { request, response.body() }) {
			if (text != null) {
				Matcher field = SECRET_FIELD.matcher(text);
				while (field.find()) {
					secrets.add(field.group(2));
				}
			}
		}
		for (String cookie : response.headers().allValues("Set-Cookie")) {
			Matcher session = SESSION_COOKIE.matcher(cookie);
			if (session.find()) {
				secrets.add(session.group(1));
			}
		}
		return response;
	}

}
