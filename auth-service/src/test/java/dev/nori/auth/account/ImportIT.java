package dev.nori.auth.account;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import dev.nori.auth.AuthServiceIT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Users of the Python Nori come over with their PBKDF2 hashes, log in with their old
 * passwords, and leave with Argon2id hashes.
 */
class ImportIT extends AuthServiceIT {

	// hashlib.pbkdf2_hmac('sha256', password.encode(), salt.encode(), iterations).hex()
	private static final String CURRENT_FORM = "pbkdf2_sha256$260000$c2FsdHNhbHQ$8947385515b132101e9ed9d33917ae25a20776102f4b575fa011fdada7a499e7";

	private static final String LEGACY_FORM = "pbkdf2_sha256$oldsalt$f90767eed627d42ba688041d354ba89719826f9f45b29d5e76cc469a81b79ca3";

	@Test
	void importedUsersLogInWithTheirOldPasswordsAndAreRehashed() {
		String current = uniqueEmail("imported");
		String legacy = uniqueEmail("legacy");
		HttpResponse<String> response = post("/api/auth/admin/users/import",
				Map.of("users",
						List.of(Map.of("email", current, "displayName", "Imported", "passwordHash", CURRENT_FORM,
								"emailVerified", true, "roles", List.of("author")),
								Map.of("email", legacy, "displayName", "Legacy", "passwordHash", LEGACY_FORM),
								Map.of("email", ADMIN_EMAIL, "displayName", "Clash", "passwordHash", LEGACY_FORM))),
				adminToken());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode result = json(response);
		assertThat(result.get("imported").asInt()).isEqualTo(2);
		assertThat(result.get("skippedExisting").toString()).contains(ADMIN_EMAIL);
		assertThat(this.jdbc
			.sql("select count(*) from eventing.outbox where type = 'nori.auth.user.registered.v1' "
					+ "and data::jsonb ->> 'email' in (?, ?)")
			.params(current, legacy)
			.query(Long.class)
			.single()).isEqualTo(2);

		assertThat(post("/api/auth/login", Map.of("email", current, "password", "wrong"), null).statusCode())
			.isEqualTo(401);
		assertThat(hashOf(current)).startsWith("pbkdf2_sha256$");
		JsonNode me = json(call("GET", "/api/auth/me", accessToken(current, "tr0mbone-garden-Ø")));
		assertThat(me.get("roles").toString()).isEqualTo("[\"author\",\"user\"]");
		assertThat(me.get("emailVerified").asBoolean()).isTrue();
		assertThat(hashOf(current)).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
		assertThat(accessToken(current, "tr0mbone-garden-Ø")).isNotBlank();

		accessToken(legacy, "legacy-pässword-42");
		assertThat(hashOf(legacy)).startsWith("$argon2id$");
	}

	@Test
	void theUserListShowsEachUsersOwnRoles() {
		String tag = "listed" + java.util.UUID.randomUUID().toString().substring(0, 8);
		String author = tag + "-author@example.org";
		String reader = tag + "-reader@example.org";
		assertThat(post("/api/auth/admin/users/import",
				Map.of("users",
						List.of(Map.of("email", author, "displayName", "Author", "passwordHash", CURRENT_FORM, "roles",
								List.of("author")),
								Map.of("email", reader, "displayName", "Reader", "passwordHash", CURRENT_FORM))),
				adminToken())
			.statusCode()).isEqualTo(200);
		Map<String, String> roles = new java.util.HashMap<>();
		json(call("GET", "/api/auth/admin/users?email=" + tag, adminToken()))
			.forEach((user) -> roles.put(user.get("email").asString(), user.get("roles").toString()));
		assertThat(roles).containsOnly(Map.entry(author, "[\"author\",\"user\"]"), Map.entry(reader, "[\"user\"]"));
	}

	@Test
	void anInvalidEntryImportsNothing() {
		String good = uniqueEmail("good");
		HttpResponse<String> response = post("/api/auth/admin/users/import", Map.of("users",
				List.of(Map.of("email", good, "displayName", "Good", "passwordHash", LEGACY_FORM),
						Map.of("email", uniqueEmail("bad"), "displayName", "Bad", "passwordHash", "md5$abc$def"),
						Map.of("email", uniqueEmail("role"), "displayName", "Role", "passwordHash", LEGACY_FORM,
								"roles", List.of("emperor")))),
				adminToken());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json(response).get("errors").toString()).contains("users[1].passwordHash")
			.contains("users[2].roles");
		assertThat(this.jdbc.sql("select count(*) from users where email = ?").param(good).query(Long.class).single())
			.isZero();
	}

	@Test
	void onlyUserManagersImport() {
		String email = uniqueEmail("sneaky");
		register(email, STRONG_PASSWORD);
		assertThat(post("/api/auth/admin/users/import",
				Map.of("users",
						List.of(Map.of("email", uniqueEmail("x"), "displayName", "X", "passwordHash", LEGACY_FORM))),
				accessToken(email, STRONG_PASSWORD))
			.statusCode()).isEqualTo(403);
	}

	private String hashOf(String email) {
		return this.jdbc.sql("select password_hash from users where email = ?")
			.param(email)
			.query(String.class)
			.single();
	}

}
