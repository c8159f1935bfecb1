package dev.nori.auth.password;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A request that proposes a new password.
 */
public interface PasswordCandidate {

	/**
	 * Returns the proposed password.
	 * @return the password, or {@code null} when missing
	 */
	@Nullable String password();

	/**
	 * Returns what else the request says about the user (email, name), which the password
	 * must not be built from.
	 * @return the words an attacker would try first
	 */
	List<@Nullable String> userInputs();

}
