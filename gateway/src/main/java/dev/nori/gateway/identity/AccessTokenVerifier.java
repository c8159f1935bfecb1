package dev.nori.gateway.identity;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.github.benmanes.caffeine.cache.Cache;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.nori.gateway.edge.EdgeCaches;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Verifies bearer access tokens: an allowed asymmetric algorithm, a trusted issuer, a
 * signature by one of that issuer's published keys, the audience, the validity window
 * (with the configured skew) and the access-token type. A token that passed is remembered
 * for a minute so that its signature is not verified on every request; its validity
 * window is checked on every use.
 */
final class AccessTokenVerifier {

	private static final Set<JWSAlgorithm> ASYMMETRIC = Stream
		.concat(JWSAlgorithm.Family.RSA.stream(), JWSAlgorithm.Family.EC.stream())
		.collect(Collectors.toUnmodifiableSet());

	private final Set<JWSAlgorithm> algorithms;

	private final Map<String, TrustedIssuer> issuers;

	private final Duration skew;

	private final Clock clock;

	// Signatures are the costly part of a check: a token that passed is remembered (by
	// its exact text) for a minute, and only its validity window is checked again on use.
	// Read on every request: its upkeep runs on the reading thread (see EdgeCaches).
	private final Cache<String, Verified> verified = EdgeCaches.builder()
		.maximumSize(10_000)
		.expireAfterWrite(Duration.ofMinutes(1))
		.build();

	AccessTokenVerifier(List<String> algorithms, List<TrustedIssuer> issuers, Duration skew, Clock clock) {
		this.algorithms = algorithms.stream().map(AccessTokenVerifier::asymmetric).collect(Collectors.toSet());
		this.issuers = issuers.stream().collect(Collectors.toMap(TrustedIssuer::issuer, (issuer) -> issuer));
		this.skew = skew;
		this.clock = clock;
	}

	private static JWSAlgorithm asymmetric(String name) {
		JWSAlgorithm algorithm = JWSAlgorithm.parse(name);
		if (!ASYMMETRIC.contains(algorithm)) {
			throw new IllegalArgumentException("Token algorithm " + name
					+ " is not allowed: only asymmetric signatures (RS*, PS*, ES*) can be verified with published keys");
		}
		return algorithm;
	}

	/**
	 * Returns a token verified before that is still within its time, without a Reactor
	 * step; null when {@link #verify} must judge it.
	 * @param token the compact JWT
	 * @return the verified token, or null
	 */
	@Nullable VerifiedToken alreadyVerified(String token) {
		Verified cached = this.verified.getIfPresent(token);
		return (cached != null && timeProblem(cached.claims()) == null) ? cached.token() : null;
	}

	Mono<VerifiedToken> verify(String token) {
		Verified cached = this.verified.getIfPresent(token);
		if (cached != null) {
			String problem = timeProblem(cached.claims());
			return (problem != null) ? invalid(problem) : Mono.just(cached.token());
		}
		SignedJWT jwt;
		JWTClaimsSet claims;
		try {
			jwt = SignedJWT.parse(token);
			claims = jwt.getJWTClaimsSet();
		}
		catch (ParseException ex) {
			return invalid("the token is not a signed JWT");
		}
		JWSHeader header = jwt.getHeader();
		if (!this.algorithms.contains(header.getAlgorithm())) {
			return invalid("signature algorithm " + header.getAlgorithm() + " is not accepted");
		}
		TrustedIssuer issuer = (claims.getIssuer() != null) ? this.issuers.get(claims.getIssuer()) : null;
		if (issuer == null) {
			return invalid("the issuer is not trusted");
		}
		String keyId = header.getKeyID();
		if (keyId == null) {
			return invalid("the token names no signing key (kid)");
		}
		return issuer.keys()
			.find(keyId)
			.switchIfEmpty(invalid("the signing key is unknown"))
			.flatMap((key) -> check(jwt, claims, issuer, key));
	}

	private Mono<VerifiedToken> check(SignedJWT jwt, JWTClaimsSet claims, TrustedIssuer issuer,
			SigningKeys.SigningKey key) {
		if (key.key().getAlgorithm() != null && !key.key().getAlgorithm().equals(jwt.getHeader().getAlgorithm())) {
			return invalid("the signing key is not for " + jwt.getHeader().getAlgorithm());
		}
		try {
			if (!jwt.verify(key.verifier())) {
				return invalid("the signature does not match");
			}
		}
		catch (JOSEException ex) {
			return invalid("the signature cannot be verified");
		}
		String problem = claimsProblem(jwt.getHeader(), claims, issuer);
		if (problem == null) {
			problem = timeProblem(claims);
		}
		if (problem != null) {
			return invalid(problem);
		}
		Date issuedAt = claims.getIssueTime();
		VerifiedToken token = new VerifiedToken(issuer.name(), claims.getSubject(), claims.getJWTID(),
				(issuedAt != null) ? issuedAt.toInstant() : Instant.EPOCH, claims.getExpirationTime().toInstant());
		this.verified.put(jwt.getParsedString(), new Verified(claims, token));
		return Mono.just(token);
	}

	private @Nullable String claimsProblem(JWSHeader header, JWTClaimsSet claims, TrustedIssuer issuer) {
		if (!issuer.isAccessToken(header.getType(), claims)) {
			return "the token is not an access token";
		}
		if (claims.getAudience() == null || !claims.getAudience().contains(issuer.audience())) {
			return "the token is not meant for this API (aud)";
		}
		if (claims.getSubject() == null || claims.getSubject().isBlank()) {
			return "the token names no subject";
		}
		if (claims.getExpirationTime() == null) {
			return "the token has no expiry";
		}
		return null;
	}

	// checked on every use, cached or not
	private @Nullable String timeProblem(JWTClaimsSet claims) {
		Instant now = this.clock.instant();
		if (now.isAfter(claims.getExpirationTime().toInstant().plus(this.skew))) {
			return "the token has expired";
		}
		if (claims.getNotBeforeTime() != null && now.isBefore(claims.getNotBeforeTime().toInstant().minus(this.skew))) {
			return "the token is not valid yet";
		}
		if (claims.getIssueTime() != null && now.isBefore(claims.getIssueTime().toInstant().minus(this.skew))) {
			return "the token was issued in the future";
		}
		return null;
	}

	private record Verified(JWTClaimsSet claims, VerifiedToken token) {
	}

	private static <T> Mono<T> invalid(String reason) {
		return Mono.error(new InvalidTokenException(reason));
	}

	/**
	 * A trusted issuer and what its access tokens look like.
	 *
	 * @param name the configured name
	 * @param issuer the exact {@code iss}
	 * @param audience the {@code aud} its access tokens must name
	 * @param headerType the {@code typ} header of its access tokens, when checked
	 * @param claimType the {@code typ} claim of its access tokens, when checked
	 * @param keys its signing keys
	 */
	record TrustedIssuer(String name, String issuer, String audience, @Nullable String headerType,
			@Nullable String claimType, SigningKeys keys) {

		boolean isAccessToken(@Nullable JOSEObjectType type, JWTClaimsSet claims) {
			if (this.headerType != null && (type == null || !sameMediaType(this.headerType, type.getType()))) {
				return false;
			}
			if (this.claimType != null) {
				Object claim = claims.getClaim("typ");
				return claim instanceof String value && this.claimType.equalsIgnoreCase(value);
			}
			return true;
		}

		// RFC 9068: "at+jwt" and "application/at+jwt" name the same type
		private static boolean sameMediaType(String expected, String actual) {
			return withoutApplicationPrefix(expected).equals(withoutApplicationPrefix(actual));
		}

		private static String withoutApplicationPrefix(String type) {
			String lower = type.toLowerCase(Locale.ROOT);
			return lower.startsWith("application/") ? lower.substring("application/".length()) : lower;
		}

	}

}
