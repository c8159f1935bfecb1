package dev.nori.auth.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.nori.contracts.identity.AccessTokens;
import org.jspecify.annotations.Nullable;

/**
 * Issues access tokens: RS256 JWTs with the {@code at+jwt} type, the active key's
 * {@code kid}, and the user's roles and permissions.
 */
public class AccessTokenIssuer {

	private final SigningKeys keys;

	private final TokenProperties properties;

	private final Clock clock;

	AccessTokenIssuer(SigningKeys keys, TokenProperties properties, Clock clock) {
		this.keys = keys;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Issues an access token.
	 * @param claims who it is for and what they may do
	 * @return the signed token with its id and expiry
	 */
	public IssuedAccessToken issue(Subject claims) {
		return issue(claims, this.properties.accessTokenTtl(), Map.of());
	}

	/**
	 * Issues an access token with its own lifetime and further claims.
	 * @param claims who it is for and what they may do
	 * @param ttl how long it lives, at most the configured access-token lifetime
	 * @param extraClaims claims besides Nori's own, for example the API key it stands for
	 * @return the signed token with its id and expiry
	 */
	public IssuedAccessToken issue(Subject claims, Duration ttl, Map<String, Object> extraClaims) {
		// never below the user's revocation cut-off, or the new token would
		// be born revoked
		Instant now = this.clock.instant();
		long issuedAt = now.getEpochSecond();
		if (claims.notBefore() != null && claims.notBefore().getEpochSecond() > issuedAt) {
			issuedAt = claims.notBefore().getEpochSecond();
		}
		Instant iat = Instant.ofEpochSecond(issuedAt);
		Duration lifetime = (ttl.compareTo(this.properties.accessTokenTtl()) < 0) ? ttl
				: this.properties.accessTokenTtl();
		Instant expiresAt = iat.plus(lifetime);
		UUID tokenId = UUID.randomUUID();
		JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
		extraClaims.forEach(builder::claim);
		JWTClaimsSet set = builder.issuer(this.properties.issuer())
			.subject(claims.userId().toString())
			.audience(this.properties.audience())
			.issueTime(Date.from(iat))
			.expirationTime(Date.from(expiresAt))
			.jwtID(tokenId.toString())
			.claim(AccessTokens.SESSION_CLAIM, claims.sessionId().toString())
			.claim(AccessTokens.ROLES_CLAIM, claims.roles())
			.claim(AccessTokens.PERMISSIONS_CLAIM, claims.permissions())
			.claim(AccessTokens.EMAIL_VERIFIED_CLAIM, claims.emailVerified())
			.claim(AccessTokens.EMAIL_CLAIM, claims.email())
			.build();
		SigningKey key = this.keys.active();
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.kid())
			.type(new JOSEObjectType(AccessTokens.TYPE))
			.build();
		SignedJWT jwt = new SignedJWT(header, set);
		try {
			jwt.sign(new RSASSASigner(key.privateKey()));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Signing an access token failed", ex);
		}
		return new IssuedAccessToken(jwt.serialize(), tokenId, expiresAt);
	}

	/**
	 * Who a token is for.
	 *
	 * @param userId the user ({@code sub})
	 * @param sessionId the login session ({@code sid})
	 * @param roles the user's roles
	 * @param permissions the user's permissions
	 * @param email the user's address ({@code email}), so that services can write to the
	 * caller
	 * @param emailVerified whether the address is verified
	 * @param notBefore the user's revocation cut-off, if any: the token's {@code iat} is
	 * not earlier
	 */
	public record Subject(UUID userId, UUID sessionId, List<String> roles, List<String> permissions,
			@Nullable String email, boolean emailVerified, @Nullable Instant notBefore) {
	}

	/**
	 * A signed access token.
	 *
	 * @param value the compact JWT
	 * @param tokenId its {@code jti}
	 * @param expiresAt its {@code exp}
	 */
	public record IssuedAccessToken(String value, UUID tokenId, Instant expiresAt) {
	}

}
