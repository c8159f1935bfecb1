package dev.nori.servicedefaults.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.jspecify.annotations.Nullable;

/**
 * The secret services show each other on internal endpoints ({@code /internal/**}, which
 * the gateway never routes): {@code NORI_INTERNAL_SECRET}, sent as {@value #HEADER}.
 * Without a configured secret nothing matches, so internal endpoints stay shut.
 */
public final class InternalSecret {

	/** The request header that carries it. */
	public static final String HEADER = "X-Nori-Internal-Secret";

	private final byte @Nullable [] secret;

	/**
	 * Creates the check.
	 * @param secret the configured secret; blank or {@code null} refuses every caller
	 */
	public InternalSecret(@Nullable String secret) {
		this.secret = (secret == null || secret.isBlank()) ? null : secret.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Tells whether a caller showed the secret (compared in constant time).
	 * @param presented what the caller sent
	 * @return whether it is the configured secret
	 */
	public boolean matches(@Nullable String presented) {
		return this.secret != null && presented != null
				&& MessageDigest.isEqual(this.secret, presented.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Returns the secret to send, for callers of internal endpoints.
	 * @return the secret, or {@code null} when none is configured
	 */
	public @Nullable String value() {
		return (this.secret != null) ? new String(this.secret, StandardCharsets.UTF_8) : null;
	}

	@Override
	public String toString() {
		return "InternalSecret[" + ((this.secret != null) ? "set" : "unset") + "]";
	}

}
