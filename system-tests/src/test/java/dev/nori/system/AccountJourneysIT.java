package dev.nori.system;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.nori.testsupport.TestHttp;
import dev.nori.testsupport.TestMailbox;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Accounts end to end: registration with its mails, tokens, the first admin, API keys and
 * browser sessions.
 */
class AccountJourneysIT extends SystemTest {

	@Test
	void registerLogInCallRefreshLogOutAndTheOldTokenIsRefused() {
		String email = "journey-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		String password = "pelican-harbor-" + UUID.randomUUID().toString().substring(0, 6);
		HttpResponse<String> registered = postViaGateway("/api/auth/register",
				"{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"displayName\":\"Journey\"}", null);
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);

		JsonNode pair = JSON.readTree(postViaGateway("/api/auth/login",
				"{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", null)
			.body());
		String access = pair.get("accessToken").asString();
		HttpResponse<String> me = getViaGateway("/api/auth/me", access);
		assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
		assertThat(me.body()).contains(email);
		// another service checks the same token itself: past the check, the
		// address is unknown
		assertThat(getViaGateway("/api/content/drafts", access).statusCode()).isEqualTo(404);

		HttpResponse<String> refreshed = postViaGateway("/api/auth/refresh",
				"{\"refreshToken\":\"" + pair.get("refreshToken").asString() + "\"}", null);
		assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
		String newAccess = JSON.readTree(refreshed.body()).get("accessToken").asString();

		assertThat(postViaGateway("/api/auth/logout", "", newAccess).statusCode()).isEqualTo(204);
		// the gateway reads the revocation auth-service wrote (verdicts are kept 1 s)
		await().atMost(Duration.ofSeconds(3))
			.untilAsserted(() -> assertThat(getViaGateway("/api/auth/me", newAccess).statusCode()).isEqualTo(401));
		assertThat(getViaGateway("/api/auth/me", access).statusCode()).isEqualTo(401);
	}

	@Test
	void registrationMailsAVerificationLinkThatVerifiesAndThenAWelcome() {
		String email = "mail-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		HttpResponse<String> registered = postViaGateway("/api/auth/register",
				"{\"email\":\"" + email + "\",\"password\":\"lantern-meadow-"
						+ UUID.randomUUID().toString().substring(0, 6) + "\",\"displayName\":\"Mail <b>Journey</b>\"}",
				null);
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
		await().atMost(Duration.ofSeconds(30)).until(() -> mailbox.to(email).size() == 1);
		Map<String, String> parts = TestMailbox.parts(mailbox.to(email).get(0));
		assertThat(parts).containsOnlyKeys("text/plain", "text/html");
		assertThat(parts.get("text/html")).contains("Mail &lt;b&gt;Journey&lt;/b&gt;").doesNotContain("<b>Journey");
		Matcher link = Pattern.compile("https?://\\S+/verify-email\\?token=([A-Za-z0-9%._~-]+)")
			.matcher(parts.get("text/plain"));
		assertThat(link.find()).as(parts.get("text/plain")).isTrue();
		assertThat(parts.get("text/html")).contains("href=\"" + link.group() + "\"");
		String token = URLDecoder.decode(link.group(1), StandardCharsets.UTF_8);

		HttpResponse<String> verified = postViaGateway("/api/auth/verify-email",
				JSON.writeValueAsString(Map.of("token", token)), null);
		assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(30)).until(() -> mailbox.to(email).size() == 2);
		assertThat(mailbox.to(email).get(1))
			.satisfies((welcome) -> assertThat(welcome.getSubject()).isEqualTo("Welcome to Nori"));
	}

	@Test
	void theFirstAdminComesFromConfiguration() {
		HttpResponse<String> roles = getViaGateway("/api/auth/admin/roles", adminToken());
		assertThat(roles.statusCode()).as(roles.body()).isEqualTo(200);
		assertThat(roles.body()).contains("\"editor\"");
	}

	@Test
	void anApiKeyWorksThroughTheGatewayUntilItIsRevoked() {
		String admin = adminToken();
		HttpResponse<String> created = postViaGateway("/api/auth/api-keys",
				"{\"name\":\"reports\",\"scopes\":[\"audit.read\"],\"expiresAt\":\""
						+ java.time.Instant.now().plus(Duration.ofDays(7)) + "\"}",
				admin);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		JsonNode key = JSON.readTree(created.body());
		String secret = key.get("secret").asString();

		HttpResponse<String> audit = getViaGateway("/api/auth/admin/audit?size=1", secret);
		assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
		// the key's scopes bound it: users.manage is the admin's, not the key's
		assertThat(getViaGateway("/api/auth/admin/users", secret).statusCode()).isEqualTo(403);

		var revoke = TestHttp
			.get(stack.settings().gatewayPort(), "/api/auth/api-keys/" + key.get("key").get("id").asString())
			.DELETE()
			.header("Authorization", "Bearer " + admin);
		assertThat(TestHttp.send(revoke).statusCode()).isEqualTo(204);
		await().atMost(Duration.ofSeconds(8))
			.untilAsserted(() -> assertThat(getViaGateway("/api/auth/admin/audit?size=1", secret).statusCode())
				.isEqualTo(401));
	}

	@Test
	void aBrowserLogsInWithACookieWritesWithTheCsrfTokenAndLogsOut() {
		String email = "browser-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		String password = "walnut-ferry-" + UUID.randomUUID().toString().substring(0, 6);
		assertThat(postViaGateway("/api/auth/register",
				"{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"displayName\":\"Browser\"}", null)
			.statusCode()).isEqualTo(201);

		HttpResponse<String> wrong = postViaGateway("/api/auth/session",
				"{\"email\":\"" + email + "\",\"password\":\"not-it\"}", null);
		assertThat(wrong.statusCode()).isEqualTo(401);

		HttpResponse<String> login = postViaGateway("/api/auth/session",
				"{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", null);
		assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
		assertThat(login.body()).doesNotContain("accessToken").doesNotContain("refreshToken");
		String sessionCookie = login.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((cookie) -> cookie.startsWith("NORI_SESSION="))
			.findFirst()
			.orElseThrow();
		assertThat(sessionCookie).containsIgnoringCase("HttpOnly").contains("SameSite=Lax").contains("Secure");
		String cookie = sessionCookie.split(";", 2)[0];
		String csrf = JSON.readTree(login.body()).get("csrfToken").asString();

		HttpResponse<String> me = send(
				TestHttp.get(stack.settings().gatewayPort(), "/api/auth/me").header("Cookie", cookie));
		assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
		assertThat(me.body()).contains(email);

		// a write the cookie authenticates needs the CSRF token
		HttpResponse<String> forged = send(
				TestHttp.post(stack.settings().gatewayPort(), "/api/auth/verify-email/resend", "")
					.header("Cookie", cookie));
		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(forged.body()).contains("CSRF");
		HttpResponse<String> resent = send(
				TestHttp.post(stack.settings().gatewayPort(), "/api/auth/verify-email/resend", "")
					.header("Cookie", cookie)
					.header("X-CSRF-Token", csrf));
		assertThat(resent.statusCode()).as(resent.body()).isEqualTo(202);
		// the gateway refreshed the session's tokens on the way (refresh-before
		// is set above)
		String userId = JSON.readTree(me.body()).get("id").asString();
		String admin = adminToken();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(JSON
				.readTree(getViaGateway("/api/auth/admin/audit?action=token.refreshed&actor=" + userId, admin).body())
				.size()).isGreaterThanOrEqualTo(2));

		var logout = TestHttp.get(stack.settings().gatewayPort(), "/api/auth/session")
			.DELETE()
			.header("Cookie", cookie);
		assertThat(send(logout).statusCode()).isEqualTo(403);
		assertThat(send(logout.header("X-CSRF-Token", csrf)).statusCode()).isEqualTo(204);
		assertThat(send(TestHttp.get(stack.settings().gatewayPort(), "/api/auth/me").header("Cookie", cookie))
			.statusCode()).isEqualTo(401);
	}

	@Test
	void aUserImportedWithAPbkdf2HashLogsInWithTheOldPasswordAndIsRehashedToArgon2id() throws Exception {
		String admin = adminToken();
		String email = "imported-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		String password = "migrated-meadow-" + UUID.randomUUID().toString().substring(0, 8);
		String salt = "systest" + UUID.randomUUID().toString().substring(0, 8);
		byte[] hash = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
			.generateSecret(new javax.crypto.spec.PBEKeySpec(password.toCharArray(),
					salt.getBytes(StandardCharsets.UTF_8), 100_000, 256))
			.getEncoded();
		String pbkdf2 = "pbkdf2_sha256$100000$" + salt + "$" + java.util.HexFormat.of().formatHex(hash);
		expectStatus(
				postViaGateway(
						"/api/auth/admin/users/import", JSON.writeValueAsString(Map.of("users", List.of(Map.of("email",
								email, "displayName", "Imported", "passwordHash", pbkdf2, "emailVerified", true)))),
						admin),
				200);
		assertThat(storedHash(email)).isEqualTo(pbkdf2);

		String login = JSON.writeValueAsString(Map.of("email", email, "password", password));
		expectStatus(postViaGateway("/api/auth/login", login, null), 200);
		assertThat(storedHash(email)).startsWith("$argon2id$");
		// and the new hash verifies the same password
		expectStatus(postViaGateway("/api/auth/login", login, null), 200);
		assertThat(postViaGateway("/api/auth/login",
				JSON.writeValueAsString(Map.of("email", email, "password", password + "x")), null)
			.statusCode()).isEqualTo(401);
	}

	private static String storedHash(String email) throws java.sql.SQLException {
		try (java.sql.Connection db = dev.nori.testsupport.TestPostgres.connect("nori_systest_auth");
				java.sql.PreparedStatement query = db
					.prepareStatement("select password_hash from users where lower(email) = lower(?)")) {
			query.setString(1, email);
			try (java.sql.ResultSet row = query.executeQuery()) {
				assertThat(row.next()).as(email).isTrue();
				return row.getString(1);
			}
		}
	}

}
