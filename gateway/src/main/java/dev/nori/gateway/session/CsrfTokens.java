package dev.nori.gateway.session;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * Masked CSRF tokens: the session holds a secret; every token handed out is a fresh
 * random mask followed by mask XOR secret, so no two responses carry the same bytes
 * (BREACH) and only the session's secret unmasks to a match.
 */
final class CsrfTokens {

	private static final int LENGTH = 32;

	private static final SecureRandom RANDOM = new SecureRandom();

	private CsrfTokens() {
	}

	static String newSecret() {
		byte[] secret = new byte[LENGTH];
		RANDOM.nextBytes(secret);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
	}

	static String mask(String secret) {
		byte[] raw = Base64.getUrlDecoder().decode(secret);
		byte[] token = new byte[LENGTH * 2];
		byte[] mask = new byte[LENGTH];
		RANDOM.nextBytes(mask);
		for (int i = 0; i < LENGTH; i++) {
			token[i] = mask[i];
			token[LENGTH + i] = (byte) (mask[i] ^ raw[i]);
		}
		return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
	}

	static boolean matches(@Nullable String token, String secret) {
		if (token == null) {
			return false;
		}
		byte[] decoded;
		try {
			decoded = Base64.getUrlDecoder().decode(token);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		if (decoded.length != LENGTH * 2) {
			return false;
		}
		byte[] unmasked = new byte[LENGTH];
		for (int i = 0; i < LENGTH; i++) {
			unmasked[i] = (byte) (decoded[i] ^ decoded[LENGTH + i]);
		}
		return MessageDigest.isEqual(unmasked, Base64.getUrlDecoder().decode(secret));
	}

}
