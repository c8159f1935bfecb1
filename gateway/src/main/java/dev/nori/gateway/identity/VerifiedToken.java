package dev.nori.gateway.identity;

import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.web.server.ServerWebExchange;

/**
 * The caller as established from a verified, unrevoked access token.
 *
 * @param issuer the configured name of the issuer that signed it
 * @param subject the user or client id ({@code sub})
 * @param tokenId the token's {@code jti}, when it has one
 * @param issuedAt when it was issued ({@code iat}; the epoch when absent, so that any
 * user cut-off revokes it)
 * @param expiresAt when it expires
 */
public record VerifiedToken(String issuer, String subject, @Nullable String tokenId, Instant issuedAt,
		Instant expiresAt) {

	private static final String ATTRIBUTE = VerifiedToken.class.getName();

	/**
	 * Returns the caller of an exchange.
	 * @param exchange the exchange
	 * @return the verified token, empty for anonymous calls (public routes)
	 */
	public static Optional<VerifiedToken> of(ServerWebExchange exchange) {
		return Optional.ofNullable(exchange.getAttribute(ATTRIBUTE));
	}

	void attachTo(ServerWebExchange exchange) {
		exchange.getAttributes().put(ATTRIBUTE, this);
	}

	// Written out: a cache key on every authenticated request, and the generated record
	// hashCode showed up in the gateway's profile (method-handle combinators).
	@Override
	public int hashCode() {
		int hash = this.issuer.hashCode();
		hash = 31 * hash + this.subject.hashCode();
		hash = 31 * hash + ((this.tokenId != null) ? this.tokenId.hashCode() : 0);
		hash = 31 * hash + this.issuedAt.hashCode();
		return 31 * hash + this.expiresAt.hashCode();
	}

}
