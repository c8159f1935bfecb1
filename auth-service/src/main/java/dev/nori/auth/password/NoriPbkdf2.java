package dev.nori.auth.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The PBKDF2 hashes of the Python Nori: {@code pbkdf2_sha256$<iterations>$<salt>$<hex>}
 * and the older {@code pbkdf2_sha256$<salt>$<hex>} with 100,000 iterations. The digest is
 * PBKDF2-HMAC-SHA256 of the UTF-8 password with the salt string's UTF-8 bytes as salt.
 */
final class NoriPbkdf2 {

	static final String PREFIX = "pbkdf2_sha256$";

	private static final int LEGACY_ITERATIONS = 100_000;

	// above this an imported hash could make one login cost minutes
	private static final int MAX_ITERATIONS = 5_000_000;

	private static final Pattern CURRENT = Pattern
		.compile("pbkdf2_sha256\\$([1-9][0-9]{0,7})\\$([^$\\x00-\\x1f]{1,128})\\$([0-9a-fA-F]{32,128})");

	private static final Pattern LEGACY = Pattern
		.compile("pbkdf2_sha256\\$([^$\\x00-\\x1f]{1,128})\\$([0-9a-fA-F]{32,128})");

	private NoriPbkdf2() {
	}

	/**
	 * Reads a stored hash.
	 * @param encoded the stored form
	 * @return its parts, or empty when it is not a valid Nori PBKDF2 hash
	 */
	static Optional<Parsed> parse(String encoded) {
		Matcher current = CURRENT.matcher(encoded);
		if (current.matches()) {
			int iterations = Integer.parseInt(current.group(1));
			return (iterations <= MAX_ITERATIONS && current.group(3).length() % 2 == 0)
					? Optional.of(new Parsed(iterations, current.group(2), HexFormat.of().parseHex(current.group(3))))
					: Optional.empty();
		}
		Matcher legacy = LEGACY.matcher(encoded);
		if (legacy.matches() && legacy.group(2).length() % 2 == 0) {
			return Optional
				.of(new Parsed(LEGACY_ITERATIONS, legacy.group(1), HexFormat.of().parseHex(legacy.group(2))));
		}
		return Optional.empty();
	}

	static boolean matches(String password, Parsed hash) {
		return MessageDigest.isEqual(derive(password, hash.salt(), hash.iterations(), hash.digest().length),
				hash.digest());
	}

	static byte[] derive(String password, String salt, int iterations, int length) {
		PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA256Digest());
		generator.init(password.getBytes(StandardCharsets.UTF_8), salt.getBytes(StandardCharsets.UTF_8), iterations);
		return ((KeyParameter) generator.generateDerivedParameters(length * 8)).getKey();
	}

	record Parsed(int iterations, String salt, byte[] digest) {
	}

}
