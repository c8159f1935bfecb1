package dev.nori.auth.session;

import java.net.http.HttpResponse;
import java.util.Map;

import dev.nori.auth.AuthServiceIT;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code nori.auth.login.require-verified-email}, the right password is not enough
 * until the address is verified.
 */
@TestPropertySource(properties = "nori.auth.login.require-verified-email=true")
class VerifiedEmailLoginIT extends AuthServiceIT {

	@Test
	void loginWaitsForTheVerifiedAddress() {
		String email = uniqueEmail("unverified");
		String token = register(email, STRONG_PASSWORD);
		HttpResponse<String> refused = post("/api/auth/login", Map.of("email", email, "password", STRONG_PASSWORD),
				null);
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(json(refused).get("detail").asString()).contains("Verify your email address");
		// a wrong password still says nothing about the address
		assertThat(post("/api/auth/login", Map.of("email", email, "password", "wrong-one"), null).statusCode())
			.isEqualTo(401);

		assertThat(post("/api/auth/verify-email", Map.of("token", token), null).statusCode()).isEqualTo(200);
		assertThat(login(email, STRONG_PASSWORD).get("accessToken")).isNotNull();
	}

}
