package dev.nori.gateway.identity;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.nori.contracts.revocation.RevocationKeys;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway establishes who is calling.
 *
 * @param audience the {@code aud} every access token must name, unless its issuer says
 * otherwise
 * @param clockSkew tolerance for {@code exp}, {@code nbf} and {@code iat} (at most 30 s)
 * @param algorithms the signature algorithms accepted (asymmetric only: RS, PS and ES
 * families; {@code none} and HMAC are refused at start)
 * @param issuers the trusted issuers by name; a token whose {@code iss} is not one of
 * them is rejected
 * @param jwksRefetchInterval the least time between two fetches of an issuer's key set; a
 * token with an unknown {@code kid} triggers a fetch only when this long has passed
 * @param jwksMaxAge how long a fetched key set is used before it is fetched again
 * @param jwksTimeout how long a key-set fetch may take
 * @param protectedPaths the paths that need a token unless a public route matches (the
 * routed APIs and WebSockets; anything else the gateway serves is public or a 404)
 * @param publicRoutes routes that need no token, as {@code "[METHOD[,METHOD]] pattern"}
 * (for example {@code "POST /api/auth/login"} or {@code "GET /api/search/**"})
 * @param revocation the revocation check
 * @param apiKeys how API keys are exchanged for access tokens
 */
@Validated
@ConfigurationProperties("nori.gateway.identity")
public record IdentityProperties(@DefaultValue("nori-api") @NotBlank String audience,
		@DefaultValue("30s") @NotNull Duration clockSkew, @DefaultValue("RS256") @NotEmpty List<String> algorithms,
		@NotEmpty Map<String, @Valid Issuer> issuers, @DefaultValue("10s") @NotNull Duration jwksRefetchInterval,
		@DefaultValue("15m") @NotNull Duration jwksMaxAge, @DefaultValue("3s") @NotNull Duration jwksTimeout,
		@DefaultValue( {
				"/api/**", "/ws/**" }) List<String> protectedPaths,
		@DefaultValue({}) List<String> publicRoutes, @Valid @DefaultValue Revocation revocation,
		@Valid @DefaultValue ApiKeys apiKeys){

	private static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(30);

	public IdentityProperties {
		issuers = Map.copyOf(issuers);
		protectedPaths = List.copyOf(protectedPaths);
		publicRoutes = List.copyOf(publicRoutes);
		algorithms = List.copyOf(algorithms);
	}

	@AssertTrue(message = "clock-skew must be between 0 and 30s")
	boolean isClockSkewBounded() {
		return !this.clockSkew.isNegative() && this.clockSkew.compareTo(MAX_CLOCK_SKEW) <= 0;
	}

	/**
	 * One trusted token issuer.
	 *
	 * @param issuer the exact {@code iss} of its tokens
	 * @param jwksUri where its public keys are published (JWKS)
	 * @param audience the {@code aud} its access tokens must name; the global audience
	 * when unset
	 * @param accessTokenHeaderType the {@code typ} header that marks an access token (RFC
	 * 9068: {@code at+jwt}); checked when set
	 * @param accessTokenClaimType the {@code typ} claim that marks an access token
	 * (Keycloak: {@code Bearer}, where ID tokens say {@code ID}); checked when set
	 */
	public record Issuer(@NotBlank String issuer, @NotNull URI jwksUri, @Nullable String audience,
			@Nullable String accessTokenHeaderType, @Nullable String accessTokenClaimType) {

		public Issuer {
			accessTokenHeaderType = (accessTokenHeaderType == null || accessTokenHeaderType.isBlank()) ? null
					: accessTokenHeaderType;
			accessTokenClaimType = (accessTokenClaimType == null || accessTokenClaimType.isBlank()) ? null
					: accessTokenClaimType;
		}

		// without a type check an ID token would pass for an access token
		@AssertTrue(
				message = "set access-token-header-type or access-token-claim-type, or ID tokens pass as access tokens")
		boolean isTokenTypeChecked() {
			return this.accessTokenHeaderType != null || this.accessTokenClaimType != null;
		}

	}

	/**
	 * API keys ({@code Authorization: Bearer nori_…}), exchanged at auth-service for
	 * short access tokens that the services then receive instead of the key.
	 *
	 * @param prefix what marks a bearer credential as an API key
	 * @param exchangeUri auth-service's internal exchange endpoint
	 * @param internalSecret the secret auth-service expects from the gateway
	 * ({@code NORI_INTERNAL_SECRET}); without it API keys are refused
	 * @param cacheFor how long an exchanged token is reused for the same key, at most 5
	 * s: a revoked key stops working within this time
	 * @param timeout how long the exchange may take before the request gets 503
	 */
	public record ApiKeys(@DefaultValue("nori_") @NotBlank String prefix, @Nullable URI exchangeUri,
			@Nullable String internalSecret, @DefaultValue("5s") @NotNull Duration cacheFor,
			@DefaultValue("2s") @NotNull Duration timeout) {

		@AssertTrue(message = "cache-for must be between 0 and 5s: a revoked key must stop working within seconds")
		boolean isCacheBounded() {
			return !this.cacheFor.isNegative() && this.cacheFor.compareTo(Duration.ofSeconds(5)) <= 0;
		}

		boolean enabled() {
			return this.exchangeUri != null && this.internalSecret != null && !this.internalSecret.isBlank();
		}

	}

	/**
	 * The revocation check, in the Redis that auth-service writes to.
	 *
	 * @param enabled whether revocations are checked; turn it off only where no issuer
	 * writes revocations (tokens then stay valid until they expire)
	 * @param keyPrefix the prefix of the revocation keys (the same as auth-service's)
	 * @param timeout how long the check may take before Redis counts as unreachable
	 * @param cacheFor how long a token's verdict is kept by this gateway instance before
	 * Redis is asked again (at most 5 s; 0 asks on every request): a revocation takes
	 * effect within this time
	 * @param whenUnavailable what happens to authenticated requests when Redis cannot be
	 * reached: {@code reject} them with 503 (default), or {@code allow} them (counted in
	 * {@code nori.gateway.revocation.unavailable}); public routes are never affected
	 */
	public record Revocation(@DefaultValue("true") boolean enabled,
			@DefaultValue(RevocationKeys.DEFAULT_PREFIX) @NotBlank String keyPrefix,
			@DefaultValue("500ms") @NotNull Duration timeout, @DefaultValue("1s") @NotNull Duration cacheFor,
			@DefaultValue("reject") @NotNull WhenUnavailable whenUnavailable) {

		@AssertTrue(message = "cache-for must be between 0 and 5s")
		boolean isCacheForBounded() {
			return !this.cacheFor.isNegative() && this.cacheFor.compareTo(Duration.ofSeconds(5)) <= 0;
		}

		/** What to do with authenticated requests while revocations cannot be read. */
		public enum WhenUnavailable {

			/** Answer 503: no request with a possibly revoked token goes through. */
			REJECT,

			/** Let them through, counted and logged: availability over revocation. */
			ALLOW

		}

	}

}
