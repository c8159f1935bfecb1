package dev.nori.auth.user;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A user as stored. Never leaves the service as is: the API answers with records that
 * leave out the hash and internal state.
 *
 * @param id the user's id, the tokens' {@code sub}
 * @param email the address as entered
 * @param displayName the name shown to others
 * @param passwordHash the password hash, or {@code null} for accounts without a password
 * @param emailVerified whether the address is verified
 * @param disabled whether an administrator disabled the account
 * @param tokensValidAfter the revocation cut-off: tokens issued earlier are revoked
 * @param createdAt when the account was created
 */
public record User(UUID id, String email, String displayName, @Nullable String passwordHash, boolean emailVerified,
		boolean disabled, @Nullable Instant tokensValidAfter, Instant createdAt) {

	/**
	 * Returns the form of an address under which accounts are unique.
	 * @param email an address as entered
	 * @return the address without surrounding space, lower-cased
	 */
	public static String key(String email) {
		return email.strip().toLowerCase(Locale.ROOT);
	}

}
