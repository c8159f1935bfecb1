package dev.nori.servicedefaults.security;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Remembers tokens whose signature was verified, keyed by the whole token (signature
 * included), so a client's repeated requests cost one RSA verification per minute rather
 * than one per request. The claims checks (expiry above all) run on every use.
 */
public class CachingJwtDecoder implements JwtDecoder {

	private final JwtDecoder delegate;

	private final OAuth2TokenValidator<Jwt> validator;

	private final Cache<String, Jwt> verified;

	/**
	 * Creates the decoder.
	 * @param delegate verifies signatures (and claims) of tokens not seen recently
	 * @param validator the claims checks, repeated for remembered tokens
	 * @param keepFor how long a verified token is remembered
	 * @param maximumSize how many tokens are remembered at most
	 */
	public CachingJwtDecoder(JwtDecoder delegate, OAuth2TokenValidator<Jwt> validator, Duration keepFor,
			long maximumSize) {
		this.delegate = delegate;
		this.validator = validator;
		this.verified = Caffeine.newBuilder().expireAfterWrite(keepFor).maximumSize(maximumSize).build();
	}

	@Override
	public Jwt decode(String token) {
		Jwt known = this.verified.getIfPresent(token);
		if (known == null) {
			Jwt decoded = this.delegate.decode(token);
			this.verified.put(token, decoded);
			return decoded;
		}
		OAuth2TokenValidatorResult result = this.validator.validate(known);
		if (result.hasErrors()) {
			this.verified.invalidate(token);
			throw new JwtValidationException("The token is no longer valid", result.getErrors());
		}
		return known;
	}

}
