package dev.nori.auth.account;

import java.net.http.HttpResponse;
import java.util.Map;

import dev.nori.auth.AuthServiceIT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registration, verification, password reset and change, through the HTTP API.
 */
class AccountsIT extends AuthServiceIT {

	@Test
	void registerVerifyAndLogIn() {
		String email = uniqueEmail("ada");
		String token = register(email, STRONG_PASSWORD);

		JsonNode before = login(email, STRONG_PASSWORD);
		JsonNode me = json(call("GET", "/api/auth/me", before.get("accessToken").asString()));
		assertThat(me.get("email").asString()).isEqualTo(email);
		assertThat(me.get("emailVerified").asBoolean()).isFalse();
		assertThat(me.get("roles").toString()).isEqualTo("[\"user\"]");
		assertThat(me.has("passwordHash")).isFalse();

		HttpResponse<String> verified = post("/api/auth/verify-email", Map.of("token", token), null);
		assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
		HttpResponse<String> again = post("/api/auth/verify-email", Map.of("token", token), null);
		assertThat(again.statusCode()).isEqualTo(400);
		assertThat(json(again).get("detail").asString()).contains("invalid, was used already or has expired");

		String after = accessToken(email, STRONG_PASSWORD);
		assertThat(json(call("GET", "/api/auth/me", after)).get("emailVerified").asBoolean()).isTrue();
		assertThat(this.jdbc.sql(
				"select count(*) from eventing.outbox where type = 'nori.auth.user.registered.v1' and data::jsonb ->> 'email' = ?")
			.param(email)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void registeringATakenAddressAnswersExactlyLikeANewOne() {
		String email = uniqueEmail("grace");
		HttpResponse<String> first = post("/api/auth/register",
				Map.of("email", email, "password", STRONG_PASSWORD, "displayName", "Grace"), null);
		HttpResponse<String> second = post("/api/auth/register",
				Map.of("email", email.toUpperCase(), "password", "another-" + STRONG_PASSWORD, "displayName", "Eve"),
				null);
		assertThat(second.statusCode()).isEqualTo(first.statusCode()).isEqualTo(201);
		assertThat(second.body()).isEqualTo(first.body());
		// the first registration stands: the second password does not log in
		assertThat(post("/api/auth/login", Map.of("email", email, "password", "another-" + STRONG_PASSWORD), null)
			.statusCode()).isEqualTo(401);
		assertThat(login(email, STRONG_PASSWORD).get("accessToken")).isNotNull();
	}

	@Test
	void passwordResetRevokesEverySessionAndAnswersTheSameForUnknownAddresses() {
		String email = uniqueEmail("reset");
		register(email, STRONG_PASSWORD);
		JsonNode session = login(email, STRONG_PASSWORD);

		HttpResponse<String> known = post("/api/auth/password-reset/request", Map.of("email", email), null);
		HttpResponse<String> unknown = post("/api/auth/password-reset/request", Map.of("email", uniqueEmail("nobody")),
				null);
		assertThat(unknown.statusCode()).isEqualTo(known.statusCode()).isEqualTo(202);
		assertThat(unknown.body()).isEqualTo(known.body());

		String token = tokenFromEvent("nori.auth.user.password-reset-requested.v1", email);
		String newPassword = "quiet-harbor-sings-" + STRONG_PASSWORD;
		HttpResponse<String> reset = post("/api/auth/password-reset/confirm",
				Map.of("token", token, "password", newPassword), null);
		assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
		assertThat(post("/api/auth/password-reset/confirm", Map.of("token", token, "password", newPassword), null)
			.statusCode()).isEqualTo(400);

		assertThat(post("/api/auth/login", Map.of("email", email, "password", STRONG_PASSWORD), null).statusCode())
			.isEqualTo(401);
		assertThat(login(email, newPassword).get("accessToken")).isNotNull();
		// the old session's refresh token is dead
		assertThat(post("/api/auth/refresh", Map.of("refreshToken", session.get("refreshToken").asString()), null)
			.statusCode()).isEqualTo(401);
	}

	@Test
	void changingThePasswordNeedsTheCurrentOneAndKeepsThisDeviceLoggedIn() {
		String email = uniqueEmail("change");
		register(email, STRONG_PASSWORD);
		JsonNode other = login(email, STRONG_PASSWORD);
		String token = accessToken(email, STRONG_PASSWORD);

		HttpResponse<String> wrong = post("/api/auth/password",
				Map.of("currentPassword", "not-it", "newPassword", "amber-walrus-" + STRONG_PASSWORD), token);
		assertThat(wrong.statusCode()).isEqualTo(400);
		assertThat(json(wrong).get("errors").get(0).get("field").asString()).isEqualTo("currentPassword");

		HttpResponse<String> changed = post("/api/auth/password",
				Map.of("currentPassword", STRONG_PASSWORD, "newPassword", "amber-walrus-" + STRONG_PASSWORD), token);
		assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
		assertThat(json(changed).get("accessToken").asString()).isNotBlank();
		assertThat(post("/api/auth/refresh", Map.of("refreshToken", other.get("refreshToken").asString()), null)
			.statusCode()).isEqualTo(401);
		assertThat(post("/api/auth/refresh", Map.of("refreshToken", json(changed).get("refreshToken").asString()), null)
			.statusCode()).isEqualTo(200);
	}

}
