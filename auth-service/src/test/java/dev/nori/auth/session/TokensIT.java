package dev.nori.auth.session;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.nori.auth.AuthServiceIT;
import dev.nori.contracts.revocation.RevocationKeys;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Access tokens verify against the published keys; refresh tokens rotate and their reuse
 * ends the session; logout writes what the gateway reads.
 */
class TokensIT extends AuthServiceIT {

	private static final RevocationKeys REVOCATIONS = new RevocationKeys(RevocationKeys.DEFAULT_PREFIX);

	@Autowired
	private StringRedisTemplate redis;

	@Test
	void accessTokensAreRs256AtJwtSignedByAPublishedKey() throws Exception {
		String email = uniqueEmail("jwt");
		register(email, STRONG_PASSWORD);
		JsonNode pair = login(email, STRONG_PASSWORD);
		assertThat(pair.get("tokenType").asString()).isEqualTo("Bearer");
		assertThat(pair.get("expiresIn").asLong()).isBetween(590L, 600L);

		SignedJWT jwt = SignedJWT.parse(pair.get("accessToken").asString());
		assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
		assertThat(jwt.getHeader().getType()).isEqualTo(new JOSEObjectType("at+jwt"));
		JWKSet keys = JWKSet.parse(call("GET", "/api/auth/.well-known/jwks.json", null).body());
		RSAKey key = (RSAKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
		assertThat(key).isNotNull();
		assertThat(key.isPrivate()).isFalse();
		assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();

		var claims = jwt.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo("http://localhost:8080/api/auth");
		assertThat(claims.getAudience()).containsExactly("nori-api");
		assertThat(claims.getJWTID()).isNotBlank();
		assertThat(claims.getStringListClaim("roles")).containsExactly("user");
		assertThat(claims.getStringListClaim("permissions")).contains("profile.edit");
		assertThat(claims.getBooleanClaim("email_verified")).isFalse();
		assertThat(claims.getStringClaim("email")).isEqualTo(email);
		assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(600_000);

		JsonNode discovery = json(call("GET", "/api/auth/.well-known/openid-configuration", null));
		assertThat(discovery.get("issuer").asString()).isEqualTo("http://localhost:8080/api/auth");
		assertThat(URI.create(discovery.get("jwks_uri").asString()).getPath())
			.isEqualTo("/api/auth/.well-known/jwks.json");
	}

	@Test
	void refreshRotatesAndReuseRevokesTheWholeSession() {
		String email = uniqueEmail("rotate");
		register(email, STRONG_PASSWORD);
		JsonNode first = login(email, STRONG_PASSWORD);
		JsonNode second = refresh(first.get("refreshToken").asString());
		assertThat(second.get("refreshToken").asString()).isNotEqualTo(first.get("refreshToken").asString());
		JsonNode third = refresh(second.get("refreshToken").asString());

		// past the grace window, presenting a used token is theft: the session ends
		this.clock.advance(Duration.ofSeconds(11));
		HttpResponse<String> reused = post("/api/auth/refresh",
				Map.of("refreshToken", first.get("refreshToken").asString()), null);
		assertThat(reused.statusCode()).isEqualTo(401);
		assertThat(post("/api/auth/refresh", Map.of("refreshToken", third.get("refreshToken").asString()), null)
			.statusCode()).isEqualTo(401);
		assertThat(isRevoked(third.get("accessToken").asString())).isTrue();
		assertThat(isRevoked(first.get("accessToken").asString())).isTrue();
	}

	@Test
	void twoTabsRefreshingAtOnceBothGetTokens() throws Exception {
		String email = uniqueEmail("tabs");
		register(email, STRONG_PASSWORD);
		String refresh = login(email, STRONG_PASSWORD).get("refreshToken").asString();
		Callable<Integer> call = () -> post("/api/auth/refresh", Map.of("refreshToken", refresh), null).statusCode();
		try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
			List<Future<Integer>> results = pool.invokeAll(List.of(call, call));
			assertThat(results.get(0).get()).isEqualTo(200);
			assertThat(results.get(1).get()).isEqualTo(200);
		}
	}

	@Test
	void refreshTokensStopAtTheSessionsAbsoluteEnd() {
		String email = uniqueEmail("absolute");
		register(email, STRONG_PASSWORD);
		JsonNode pair = login(email, STRONG_PASSWORD);
		String refresh = pair.get("refreshToken").asString();
		// refreshed every 13 days, the session still ends after 30
		for (int day = 13; day < 30; day += 13) {
			this.clock.advance(Duration.ofDays(13));
			refresh = refresh(refresh).get("refreshToken").asString();
		}
		this.clock.advance(Duration.ofDays(5));
		assertThat(post("/api/auth/refresh", Map.of("refreshToken", refresh), null).statusCode()).isEqualTo(401);
	}

	@Test
	void logoutRevokesThisSessionsTokensAndLogoutAllSetsTheCutoff() {
		String email = uniqueEmail("logout");
		register(email, STRONG_PASSWORD);
		JsonNode phone = login(email, STRONG_PASSWORD);
		JsonNode laptop = login(email, STRONG_PASSWORD);

		List<JsonNode> sessions = List
			.copyOf(json(call("GET", "/api/auth/sessions", laptop.get("accessToken").asString())).values());
		assertThat(sessions).hasSize(2);
		assertThat(sessions.stream().filter((session) -> session.get("current").asBoolean())).hasSize(1);

		assertThat(post("/api/auth/logout", "", phone.get("accessToken").asString()).statusCode()).isEqualTo(204);
		assertThat(isRevoked(phone.get("accessToken").asString())).isTrue();
		assertThat(isRevoked(laptop.get("accessToken").asString())).isFalse();
		assertThat(post("/api/auth/refresh", Map.of("refreshToken", phone.get("refreshToken").asString()), null)
			.statusCode()).isEqualTo(401);

		String subject = subjectOf(laptop.get("accessToken").asString());
		assertThat(post("/api/auth/logout-all", "", laptop.get("accessToken").asString()).statusCode()).isEqualTo(204);
		String cutoff = this.redis.opsForValue().get(REVOCATIONS.userCutoff(subject));
		assertThat(cutoff).isNotNull();
		assertThat(Long.parseLong(cutoff)).isGreaterThan(issuedAt(laptop.get("accessToken").asString()));
		// a token issued after the cut-off is not born revoked
		String fresh = accessToken(email, STRONG_PASSWORD);
		assertThat(issuedAt(fresh)).isGreaterThanOrEqualTo(Long.parseLong(cutoff));
	}

	@Test
	void anotherUsersSessionIsNotFound() {
		String alice = uniqueEmail("alice");
		String bob = uniqueEmail("bob");
		register(alice, STRONG_PASSWORD);
		register(bob, STRONG_PASSWORD);
		String aliceToken = accessToken(alice, STRONG_PASSWORD);
		String bobToken = accessToken(bob, STRONG_PASSWORD);
		String bobSession = json(call("GET", "/api/auth/sessions", bobToken)).get(0).get("id").asString();
		assertThat(call("DELETE", "/api/auth/sessions/" + bobSession, aliceToken).statusCode()).isEqualTo(404);
		assertThat(call("DELETE", "/api/auth/sessions/" + bobSession, bobToken).statusCode()).isEqualTo(204);
		assertThat(isRevoked(bobToken)).isTrue();
	}

	private JsonNode refresh(String refreshToken) {
		HttpResponse<String> response = post("/api/auth/refresh", Map.of("refreshToken", refreshToken), null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json(response);
	}

	private boolean isRevoked(String accessToken) {
		try {
			return Boolean.TRUE.equals(
					this.redis.hasKey(REVOCATIONS.token(SignedJWT.parse(accessToken).getJWTClaimsSet().getJWTID())));
		}
		catch (java.text.ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String subjectOf(String accessToken) {
		try {
			return SignedJWT.parse(accessToken).getJWTClaimsSet().getSubject();
		}
		catch (java.text.ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static long issuedAt(String accessToken) {
		try {
			return SignedJWT.parse(accessToken).getJWTClaimsSet().getIssueTime().getTime() / 1000;
		}
		catch (java.text.ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
