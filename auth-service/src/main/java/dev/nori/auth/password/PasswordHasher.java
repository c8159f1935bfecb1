package dev.nori.auth.password;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Hashes passwords with Argon2id (Spring Security's encoder) and verifies both Argon2id
 * hashes and the Python Nori's PBKDF2 hashes. A verification that succeeds says whether
 * the stored hash should be replaced: a PBKDF2 hash, or Argon2id with other parameters
 * than configured now.
 * <p>
 * New passwords are normalized to NFKC first, so the same password typed on another
 * keyboard or system matches; imported PBKDF2 hashes are checked against the password as
 * typed, as the Python Nori did.
 */
public class PasswordHasher {

	private static final int SALT_LENGTH = 16;

	private static final int HASH_LENGTH = 32;

	private final Argon2PasswordEncoder argon2;

	private final String parameters;

	private final String dummyHash;

	/**
	 * Creates the hasher.
	 * @param properties the Argon2id parameters
	 */
	public PasswordHasher(PasswordProperties.Argon2 properties) {
		this.argon2 = new Argon2PasswordEncoder(SALT_LENGTH, HASH_LENGTH, properties.parallelism(),
				properties.memoryKib(), properties.iterations());
		this.parameters = "$m=" + properties.memoryKib() + ",t=" + properties.iterations() + ",p="
				+ properties.parallelism() + "$";
		byte[] random = new byte[24];
		new SecureRandom().nextBytes(random);
		this.dummyHash = hash(Base64.getEncoder().encodeToString(random));
	}

	/**
	 * Hashes a new password.
	 * @param password the password as the user typed it
	 * @return the encoded Argon2id hash
	 */
	public String hash(String password) {
		return this.argon2.encode(normalize(password));
	}

	/**
	 * Checks a password against a stored hash. Costs the same when there is no hash (an
	 * unknown user), so timing does not tell whether an account exists.
	 * @param password the password as typed
	 * @param stored the stored hash, or {@code null} when there is none
	 * @return the outcome
	 */
	public Verification verify(String password, @Nullable String stored) {
		if (stored == null) {
			this.argon2.matches(normalize(password), this.dummyHash);
			return Verification.MISMATCH;
		}
		if (stored.startsWith(NoriPbkdf2.PREFIX)) {
			Optional<NoriPbkdf2.Parsed> parsed = NoriPbkdf2.parse(stored);
			if (parsed.isEmpty()) {
				return Verification.MISMATCH;
			}
			return NoriPbkdf2.matches(password, parsed.get()) ? Verification.MATCH_NEEDS_REHASH : Verification.MISMATCH;
		}
		if (!this.argon2.matches(normalize(password), stored)) {
			return Verification.MISMATCH;
		}
		return stored.contains(this.parameters) ? Verification.MATCH : Verification.MATCH_NEEDS_REHASH;
	}

	/**
	 * Tells whether a hash from elsewhere is one this hasher can verify.
	 * @param encoded the hash
	 * @return whether it is a valid Nori PBKDF2 hash
	 */
	public static boolean isImportable(String encoded) {
		return NoriPbkdf2.parse(encoded).isPresent();
	}

	private static String normalize(String password) {
		return Normalizer.normalize(password, Normalizer.Form.NFKC);
	}

	/** The outcome of checking a password. */
	public enum Verification {

		/** The password is right and its hash current. */
		MATCH,
		/** The password is right; store a new hash of it. */
		MATCH_NEEDS_REHASH,
		/** The password is wrong (or there is no account). */
		MISMATCH;

		/**
		 * Tells whether the password was right.
		 * @return whether it matched
		 */
		public boolean matched() {
			return this != MISMATCH;
		}

	}

}
