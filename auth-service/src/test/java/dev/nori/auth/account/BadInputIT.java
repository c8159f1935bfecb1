package dev.nori.auth.account;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import dev.nori.auth.AuthServiceIT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and broken input gets a clear problem, and nothing is half-created.
 */
class BadInputIT extends AuthServiceIT {

	@Test
	void malformedJsonIsAProblem() {
		HttpResponse<String> response = post("/api/auth/register", "{\"email\": ", null);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.nori");
	}

	@Test
	void aWeakPasswordIsListedWithTheOtherFailingFields() {
		HttpResponse<String> response = post("/api/auth/register",
				Map.of("email", "nope", "password", "password", "displayName", "Weak"), null);
		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode errors = json(response).get("errors");
		assertThat(errors.toString()).contains("\"email\"").contains("\"password\"").contains("too easy to guess");
	}

	@Test
	void everyFailingFieldIsListedAtOnce() {
		HttpResponse<String> response = post("/api/auth/register", Map.of("email", "not-an-address"), null);
		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode errors = json(response).get("errors");
		assertThat(errors.toString()).contains("\"email\"").contains("\"password\"").contains("\"displayName\"");
	}

	@Test
	void passwordsOutsideTheRulesAreRefusedWithTheReason() {
		assertThat(passwordProblem("seven77")).contains("at least 8 characters");
		assertThat(passwordProblem("x".repeat(1025))).contains("at most 1024 characters");
		assertThat(passwordProblem("nul-in-the\u0000-middle-of-a-long-one")).contains("control characters");
		assertThat(passwordProblem("password123")).contains("too easy to guess");
		assertThat(passwordProblem("qwertyuiop")).contains("too easy to guess");
	}

	@Test
	void longUnicodePasswordsAreAcceptedAndNeverTruncated() {
		String email = uniqueEmail("unicode");
		String password = "ключ-🔑-".repeat(100) + "end";
		register(email, password);
		assertThat(login(email, password).get("accessToken")).isNotNull();
		String truncated = password.substring(0, password.length() - 3);
		assertThat(post("/api/auth/login", Map.of("email", email, "password", truncated), null).statusCode())
			.isEqualTo(401);
	}

	@Test
	void fieldsTryingToSetRolesOrIdAreIgnored() {
		String email = uniqueEmail("mallory");
		Map<String, Object> body = new HashMap<>();
		body.put("email", email);
		body.put("password", STRONG_PASSWORD);
		body.put("displayName", "Mallory");
		body.put("roles", new String[] { "admin" });
		body.put("id", "00000000-0000-0000-0000-000000000001");
		body.put("emailVerified", true);
		assertThat(post("/api/auth/register", body, null).statusCode()).isEqualTo(201);
		JsonNode me = json(call("GET", "/api/auth/me", accessToken(email, STRONG_PASSWORD)));
		assertThat(me.get("roles").toString()).isEqualTo("[\"user\"]");
		assertThat(me.get("id").asString()).isNotEqualTo("00000000-0000-0000-0000-000000000001");
		assertThat(me.get("emailVerified").asBoolean()).isFalse();
	}

	@Test
	void sqlMetacharactersAreJustText() {
		String email = "o'brien--" + uniqueEmail("x");
		HttpResponse<String> response = post("/api/auth/register",
				Map.of("email", email, "password", STRONG_PASSWORD, "displayName", "Robert'); DROP TABLE users;--"),
				null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		assertThat(this.jdbc.sql("select count(*) from users").query(Long.class).single()).isPositive();
		assertThat(json(call("GET", "/api/auth/me", accessToken(email, STRONG_PASSWORD))).get("displayName").asString())
			.isEqualTo("Robert'); DROP TABLE users;--");
	}

	@Test
	void aTenMegabyteBodyIsRefusedBeforeItIsRead() throws Exception {
		// announce 10 MB and send none of it: the answer comes from the headers alone
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write(("POST /api/auth/register HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
						+ "Content-Length: " + (10 * 1024 * 1024) + "\r\n\r\n")
					.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			// the server may keep the connection open to drain the body: read
			// only the answer
			StringBuilder response = new StringBuilder();
			byte[] buffer = new byte[1024];
			int read;
			while (!response.toString().contains("}") && (read = socket.getInputStream().read(buffer)) > 0) {
				response.append(new String(buffer, 0, read, java.nio.charset.StandardCharsets.UTF_8));
			}
			assertThat(response.toString()).startsWith("HTTP/1.1 413")
				.contains("application/problem+json")
				.contains("payload-too-large");
		}
	}

	@Test
	void expiredAndTamperedTokensAreRefused() {
		String email = uniqueEmail("expiry");
		String token = register(email, STRONG_PASSWORD);
		HttpResponse<String> tampered = post("/api/auth/verify-email", Map.of("token", token + "x"), null);
		assertThat(tampered.statusCode()).isEqualTo(400);

		this.clock.advance(java.time.Duration.ofHours(25));
		HttpResponse<String> expired = post("/api/auth/verify-email", Map.of("token", token), null);
		assertThat(expired.statusCode()).isEqualTo(400);
		assertThat(json(expired).get("type").asString()).isEqualTo("https://nori.dev/problems/bad-request");
	}

	@Test
	void protectedAddressesNeedAToken() {
		HttpResponse<String> response = call("GET", "/api/auth/me", null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("Bearer"));
		assertThat(json(response).get("type").asString()).isEqualTo("https://nori.dev/problems/unauthorized");
		assertThat(call("GET", "/api/auth/me", "not.a.jwt").statusCode()).isEqualTo(401);
	}

	private String passwordProblem(String password) {
		HttpResponse<String> response = post("/api/auth/register",
				Map.of("email", uniqueEmail("weak"), "password", password, "displayName", "Weak"), null);
		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode errors = json(response).get("errors");
		assertThat(errors.get(0).get("field").asString()).isEqualTo("password");
		return errors.toString();
	}

}
