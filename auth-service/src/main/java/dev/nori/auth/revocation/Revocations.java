package dev.nori.auth.revocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

import dev.nori.auth.token.TokenProperties;
import dev.nori.contracts.identity.PermissionKeys;
import dev.nori.contracts.revocation.RevocationKeys;
import dev.nori.servicedefaults.problem.ProblemException;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Writes revocations and permission changes where the gateway and the services read them.
 * The database is the record; Redis is how the change reaches every instance at once.
 * Every write is idempotent, so a caller told to try again (503, Redis unreachable)
 * repeats it safely.
 */
public class Revocations {

	// a key outlives the longest token it concerns by this much (clock skew at verifiers)
	private static final Duration MARGIN = Duration.ofMinutes(1);

	private final StringRedisTemplate redis;

	private final RevocationKeys revocationKeys;

	private final PermissionKeys permissionKeys;

	private final TokenProperties tokens;

	private final Clock clock;

	/**
	 * Creates the writer.
	 * @param redis the shared Redis
	 * @param revocationKeys the revocation key scheme the gateway reads
	 * @param permissionKeys the permission key scheme the services read
	 * @param tokens the access-token lifetime, which bounds every key's
	 * @param clock the time source
	 */
	public Revocations(StringRedisTemplate redis, RevocationKeys revocationKeys, PermissionKeys permissionKeys,
			TokenProperties tokens, Clock clock) {
		this.redis = redis;
		this.revocationKeys = revocationKeys;
		this.permissionKeys = permissionKeys;
		this.tokens = tokens;
		this.clock = clock;
	}

	/**
	 * Revokes access tokens, each until it would have expired.
	 * @param accessTokens the tokens' ids and expiry times
	 */
	public void revokeTokens(Collection<RevokedToken> accessTokens) {
		Instant now = this.clock.instant();
		write(() -> {
			for (RevokedToken token : accessTokens) {
				Duration left = Duration.between(now, token.expiresAt()).plus(MARGIN);
				if (left.isPositive()) {
					this.redis.opsForValue().set(this.revocationKeys.token(token.tokenId().toString()), "1", left);
				}
			}
		});
	}

	/**
	 * Revokes every access token of a user issued before a cut-off.
	 * @param userId the user
	 * @param cutoff tokens with an earlier {@code iat} are revoked
	 */
	public void cutOff(UUID userId, Instant cutoff) {
		write(() -> this.redis.opsForValue()
			.set(this.revocationKeys.userCutoff(userId.toString()), Long.toString(cutoff.getEpochSecond()),
					this.tokens.accessTokenTtl().plus(MARGIN)));
	}

	/**
	 * Publishes a user's current permissions to the services for as long as tokens issued
	 * before the change can live.
	 * @param userId the user
	 * @param permissions the permissions the user has now
	 */
	public void currentPermissions(UUID userId, Collection<String> permissions) {
		write(() -> this.redis.opsForValue()
			.set(this.permissionKeys.user(userId.toString()), String.join(" ", permissions),
					this.tokens.accessTokenTtl().plus(MARGIN)));
	}

	private void write(Runnable writes) {
		try {
			writes.run();
		}
		catch (DataAccessException ex) {
			throw ProblemException.unavailable(
					"The change is saved but could not be announced to the other services yet. Try again.",
					Duration.ofSeconds(5));
		}
	}

	/**
	 * An access token to revoke.
	 *
	 * @param tokenId its {@code jti}
	 * @param expiresAt its {@code exp}
	 */
	public record RevokedToken(UUID tokenId, Instant expiresAt) {
	}

}
