package dev.nori.auth.role;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import dev.nori.auth.AuthServiceIT;
import dev.nori.contracts.identity.PermissionKeys;
import dev.nori.contracts.revocation.RevocationKeys;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Roles and permissions through the admin API; a change applies to the user's next
 * request with the token they already hold.
 */
class PermissionsIT extends AuthServiceIT {

	@Autowired
	private StringRedisTemplate redis;

	@Test
	void theBootstrapAdminAdministersAndOthersAreRefused() {
		String admin = adminToken();
		assertThat(json(call("GET", "/api/auth/me", admin)).get("roles").toString()).contains("admin");
		assertThat(call("GET", "/api/auth/admin/roles", admin).statusCode()).isEqualTo(200);

		String email = uniqueEmail("plain");
		register(email, STRONG_PASSWORD);
		HttpResponse<String> refused = call("GET", "/api/auth/admin/roles", accessToken(email, STRONG_PASSWORD));
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(json(refused).get("type").asString()).isEqualTo("https://nori.dev/problems/forbidden");
	}

	@Test
	void aGrantedPermissionWorksOnTheNextRequestAndARevokedOneStops() {
		String admin = adminToken();
		String role = "auditor-" + Long.toHexString(System.nanoTime());
		HttpResponse<String> created = post("/api/auth/admin/roles",
				Map.of("name", role, "description", "reads the trail", "permissions", new String[] {}), admin);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

		String email = uniqueEmail("auditor");
		register(email, STRONG_PASSWORD);
		String userId = json(call("GET", "/api/auth/me", accessToken(email, STRONG_PASSWORD))).get("id").asString();
		assertThat(call("PUT", "/api/auth/admin/users/" + userId + "/roles/" + role, admin).statusCode())
			.isEqualTo(204);
		// assigning a role cut off the old tokens (the gateway refuses them); a new one
		// is needed
		assertThat(this.redis.opsForValue().get(new RevocationKeys(RevocationKeys.DEFAULT_PREFIX).userCutoff(userId)))
			.isNotNull();
		String token = accessToken(email, STRONG_PASSWORD);
		assertThat(call("GET", "/api/auth/admin/audit", token).statusCode()).isEqualTo(403);

		assertThat(call("PUT", "/api/auth/admin/roles/" + role + "/permissions/audit.read", admin).statusCode())
			.isEqualTo(204);
		assertThat(this.redis.opsForValue().get(new PermissionKeys(PermissionKeys.DEFAULT_PREFIX).user(userId)))
			.contains("audit.read");
		await().atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(call("GET", "/api/auth/admin/audit", token).statusCode()).isEqualTo(200));

		assertThat(call("DELETE", "/api/auth/admin/roles/" + role + "/permissions/audit.read", admin).statusCode())
			.isEqualTo(204);
		await().atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(call("GET", "/api/auth/admin/audit", token).statusCode()).isEqualTo(403));

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(
					this.jdbc.sql("select count(*) from audit_log where target = ? and action like 'role.permission-%'")
						.param("role:" + role)
						.query(Long.class)
						.single())
				.isEqualTo(2));
		assertThat(this.jdbc.sql(
				"select count(*) from eventing.outbox where type = 'nori.auth.user.permissions-changed.v1' and record_key = ?")
			.param(userId)
			.query(Long.class)
			.single()).isEqualTo(3);
	}

	@Test
	void malformedRoleAndPermissionNamesAreRefused() {
		String admin = adminToken();
		HttpResponse<String> response = post("/api/auth/admin/roles",
				Map.of("name", "Bad Name", "permissions", new String[] { "not a permission" }), admin);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json(response).get("errors").size()).isEqualTo(2);
		assertThat(call("PUT", "/api/auth/admin/roles/editor/permissions/DROP%20TABLE", admin).statusCode())
			.isEqualTo(400);
		assertThat(call("PUT", "/api/auth/admin/roles/no-such-role/permissions/articles.edit", admin).statusCode())
			.isEqualTo(404);
	}

	@Test
	void disablingAUserCutsOffTheirTokensAndRefusesLogin() {
		String email = uniqueEmail("disabled");
		register(email, STRONG_PASSWORD);
		var pair = login(email, STRONG_PASSWORD);
		String userId = json(call("GET", "/api/auth/me", pair.get("accessToken").asString())).get("id").asString();
		assertThat(post("/api/auth/admin/users/" + userId + "/disable", "", adminToken()).statusCode()).isEqualTo(204);
		assertThat(post("/api/auth/login", Map.of("email", email, "password", STRONG_PASSWORD), null).statusCode())
			.isEqualTo(401);
		assertThat(post("/api/auth/refresh", Map.of("refreshToken", pair.get("refreshToken").asString()), null)
			.statusCode()).isEqualTo(401);
		assertThat(this.redis.opsForValue().get(new RevocationKeys(RevocationKeys.DEFAULT_PREFIX).userCutoff(userId)))
			.isNotNull();
	}

}
