package dev.nori.system;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.nori.launcher.ServiceSpec;
import dev.nori.launcher.Stack;
import dev.nori.testsupport.TestHttp;
import dev.nori.testsupport.TestMailbox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
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
