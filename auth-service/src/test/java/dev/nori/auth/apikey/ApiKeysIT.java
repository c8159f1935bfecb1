package dev.nori.auth.apikey;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.SignedJWT;
import dev.nori.auth.AuthServiceIT;
import dev.nori.testsupport.TestHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API keys: created with scopes the owner holds, shown once, exchanged by the gateway for
 * short access tokens, revoked.
 */
class ApiKeysIT extends AuthServiceIT {

	@Test
	void aKeyIsShownOnceAndExchangedForATokenWithItsScopes() throws Exception {
		String admin = adminToken();
		HttpResponse<String> created = post("/api/auth/api-keys",
				Map.of("name", "CI deploys", "scopes", List.of("articles.publish", "audit.read"), "expiresAt",
						this.clock.instant().plus(Duration.ofDays(30)).toString()),
				admin);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String secret = json(created).get("secret").asString();
		String keyId = json(created).get("key").get("id").asString();
		assertThat(secret).startsWith("nori_").hasSizeGreaterThan(40);

		HttpResponse<String> listed = call("GET", "/api/auth/api-keys", admin);
		assertThat(listed.body()).contains(keyId).doesNotContain(secret);
		assertThat(this.jdbc.sql("select count(*) from api_keys where key_hash::text like ?")
			.param("%" + secret.substring(5, 20) + "%")
			.query(Long.class)
			.single()).isZero();

		HttpResponse<String> exchange = exchange(secret, INTERNAL_SECRET);
		assertThat(exchange.statusCode()).as(exchange.body()).isEqualTo(200);
		JsonNode exchanged = json(exchange);
		var claims = SignedJWT.parse(exchanged.get("accessToken").asString()).getJWTClaimsSet();
		assertThat(claims.getStringListClaim("permissions")).containsExactly("articles.publish", "audit.read");
		assertThat(claims.getStringListClaim("roles")).isEmpty();
		assertThat(claims.getStringClaim("api_key")).isEqualTo(keyId);
		assertThat(exchanged.get("expiresIn").asLong()).isBetween(60L, 120L);
		// the exchanged token works as a bearer token
		assertThat(call("GET", "/api/auth/admin/audit?size=1", exchanged.get("accessToken").asString()).statusCode())
			.isEqualTo(200);
		assertThat(this.jdbc.sql("select last_used_at is not null from api_keys where id = cast(? as uuid)")
			.param(keyId)
			.query(Boolean.class)
			.single()).isTrue();

		assertThat(call("DELETE", "/api/auth/api-keys/" + keyId, admin).statusCode()).isEqualTo(204);
		assertThat(exchange(secret, INTERNAL_SECRET).statusCode()).isEqualTo(401);
	}

	@Test
	void onlyTheGatewayExchangesKeys() {
		String admin = adminToken();
		String secret = json(
				post("/api/auth/api-keys",
						Map.of("name", "k", "scopes", List.of("audit.read"), "expiresAt",
								this.clock.instant().plus(Duration.ofDays(1)).toString()),
						admin))
			.get("secret")
			.asString();
		assertThat(exchange(secret, null).statusCode()).isEqualTo(403);
		assertThat(exchange(secret, "guess").statusCode()).isEqualTo(403);
		assertThat(exchange("nori_not-a-key", INTERNAL_SECRET).statusCode()).isEqualTo(401);
	}

	@Test
	void scopesMustBeHeldAndTheExpiryBounded() {
		String admin = adminToken();
		HttpResponse<String> foreign = post("/api/auth/api-keys",
				Map.of("name", "k", "scopes", List.of("audit.read", "rockets.launch"), "expiresAt",
						this.clock.instant().plus(Duration.ofDays(1)).toString()),
				admin);
		assertThat(foreign.statusCode()).isEqualTo(400);
		assertThat(json(foreign).get("errors").toString()).contains("rockets.launch");
		HttpResponse<String> forever = post("/api/auth/api-keys", Map.of("name", "k", "scopes", List.of("audit.read"),
				"expiresAt", Instant.now().plus(Duration.ofDays(4000)).toString()), admin);
		assertThat(forever.statusCode()).isEqualTo(400);

		String email = uniqueEmail("nokeys");
		register(email, STRONG_PASSWORD);
		assertThat(post("/api/auth/api-keys",
				Map.of("name", "k", "scopes", List.of("profile.edit"), "expiresAt",
						this.clock.instant().plus(Duration.ofDays(1)).toString()),
				accessToken(email, STRONG_PASSWORD))
			.statusCode()).isEqualTo(403);
	}

	private HttpResponse<String> exchange(String key, String internalSecret) {
		var request = TestHttp.post(this.port, "/internal/api-keys/exchange",
				JSON.writeValueAsString(Map.of("key", key)));
		if (internalSecret != null) {
			request.header("X-Nori-Internal-Secret", internalSecret);
		}
		return TestHttp.send(request);
	}

}
