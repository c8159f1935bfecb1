package dev.nori.contracts.identity;

import java.util.Objects;

/**
 * The Redis keys of users' current permissions. When a user's permissions change,
 * auth-service writes the new set under {@link #user(String)} (space-separated, empty for
 * none) for as long as tokens issued before the change can live; services prefer it to
 * the token's {@code permissions} claim, so a revoked permission stops working on the
 * next request rather than when the token expires.
 *
 * @param prefix the prefix of every key, {@link #DEFAULT_PREFIX} unless configured
 */
public record PermissionKeys(String prefix) {

	/** The prefix both sides use unless configured otherwise. */
	public static final String DEFAULT_PREFIX = "nori:permissions:";

	public PermissionKeys {
		Objects.requireNonNull(prefix, "prefix");
	}

	/**
	 * Returns the key holding a user's current permissions.
	 * @param subject the user's id (the tokens' {@code sub})
	 * @return the key
	 */
	public String user(String subject) {
		return this.prefix + "user:" + subject;
	}

}
