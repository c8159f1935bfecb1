package dev.nori.content.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * A serialized response body and its strong entity tag (a digest of the bytes, so equal
 * bodies have equal tags on every instance).
 *
 * @param etag the quoted entity tag
 * @param json the body
 */
public record CachedJson(String etag, String json) {

	/**
	 * Tags a body.
	 * @param json the body
	 * @return the body with its tag
	 */
	public static CachedJson of(String json) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
			return new CachedJson(
					"\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 18)) + "\"",
					json);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is unavailable", ex);
		}
	}

	String encode() {
		return this.etag + "\n" + this.json;
	}

	static CachedJson decode(String stored) {
		int newline = stored.indexOf('\n');
		return new CachedJson(stored.substring(0, newline), stored.substring(newline + 1));
	}

}
