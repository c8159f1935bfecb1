package dev.nori.contracts.revocation;

import java.util.Objects;

/**
 * The Redis keys of token revocations. auth-service writes them; the gateway reads both
 * keys of a token in one round trip.
 * <ul>
 * <li>{@link #token(String)}: present while the access token with that {@code jti} is
 * revoked; it expires when the token would have expired anyway.</li>
 * <li>{@link #userCutoff(String)}: the epoch second before which every token of that user
 * is revoked (logout everywhere, password change, disabling, permission change). Tokens
 * with an {@code iat} earlier than this second are rejected, so auth-service never issues
 * a token whose {@code iat} is below a cut-off it has set.</li>
 * </ul>
 *
 * @param prefix the prefix of every key, {@link #DEFAULT_PREFIX} unless configured
 */
public record RevocationKeys(String prefix) {

	/** The prefix both sides use unless configured otherwise. */
	public static final String DEFAULT_PREFIX = "nori:revocation:";

	public RevocationKeys {
		Objects.requireNonNull(prefix, "prefix");
	}

	/**
	 * Returns the key marking one access token as revoked.
	 * @param tokenId the token's {@code jti}
	 * @return the key
	 */
	public String token(String tokenId) {
		return this.prefix + "jti:" + tokenId;
	}

	/**
	 * Returns the key holding a user's cut-off, in epoch seconds.
	 * @param subject the user's id (the tokens' {@code sub})
	 * @return the key
	 */
	public String userCutoff(String subject) {
		return this.prefix + "user:" + subject;
	}

}
