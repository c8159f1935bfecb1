package dev.nori.gateway.identity;

import dev.nori.gateway.edge.EdgeFilter;
import dev.nori.servicedefaults.core.access.Routes;
import dev.nori.gateway.degraded.DegradedMode;
import dev.nori.gateway.identity.IdentityProperties.Revocation.WhenUnavailable;
import dev.nori.gateway.problem.GatewayRejection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

/**
 * Lets a request to a protected path past only with a valid, unrevoked bearer access
 * token, unless its route is public. Refusals are 401 problems with a
 * {@code WWW-Authenticate} challenge (RFC 6750); when the token cannot be judged (keys or
 * revocations unreachable) the answer is 503, or, for revocations, what the configured
 * policy says.
 */
class AuthenticationFilter implements EdgeFilter {

	private static final Logger log = LoggerFactory.getLogger(AuthenticationFilter.class);

	private static final String BEARER = "Bearer ";

	private final Routes protectedPaths;

	private final Routes publicRoutes;

	private final AccessTokenVerifier verifier;

	private final @Nullable RevocationList revocations;

	private final WhenUnavailable whenUnavailable;

	private final DegradedMode unchecked;

	private final @Nullable ApiKeyExchange apiKeys;

	private final String apiKeyPrefix;

	AuthenticationFilter(Routes protectedPaths, Routes publicRoutes, AccessTokenVerifier verifier,
			RevocationList revocations, WhenUnavailable whenUnavailable, DegradedMode unchecked,
			@Nullable ApiKeyExchange apiKeys, String apiKeyPrefix) {
		this.apiKeys = apiKeys;
		this.apiKeyPrefix = apiKeyPrefix;
		this.protectedPaths = protectedPaths;
		this.publicRoutes = publicRoutes;
		this.verifier = verifier;
		this.revocations = revocations;
		this.whenUnavailable = whenUnavailable;
		this.unchecked = unchecked;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		PathContainer path = request.getPath().pathWithinApplication();
		if (!this.protectedPaths.matches(request.getMethod(), path)) {
			return chain.filter(exchange);
		}
		String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		boolean bearer = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
		if (this.publicRoutes.matches(request.getMethod(), path)) {
			// an API key is exchanged even here: services must never see one
			if (!bearer || !authorization.substring(BEARER.length()).trim().startsWith(this.apiKeyPrefix)) {
				return chain.filter(exchange);
			}
		}
		if (!bearer) {
			return challenge(exchange, null, "This address needs a bearer access token.");
		}
		String credential = authorization.substring(BEARER.length()).trim();
		boolean apiKey = credential.startsWith(this.apiKeyPrefix);
		if (apiKey && this.apiKeys == null) {
			return challenge(exchange, "API keys are not accepted here",
					"The bearer token is not accepted: API keys are not accepted here.");
		}
		if (!apiKey) {
			// the common case, a token seen moments ago, without a Reactor step
			VerifiedToken known = this.verifier.alreadyVerified(credential);
			if (known != null && (this.revocations == null || this.revocations.knownNotRevoked(known))) {
				known.attachTo(exchange);
				return chain.filter(exchange);
			}
		}
		// a key never travels further than the gateway: services get the token
		// it stands for
		Mono<String> accessToken = apiKey ? this.apiKeys.accessToken(credential) : Mono.just(credential);
		return accessToken
			.flatMap((token) -> this.verifier.verify(token).map((verified) -> new Credential(token, verified)))
			.flatMap((found) -> unlessRevoked(found.verified()).thenReturn(found))
			.onErrorResume(InvalidTokenException.class,
					(ex) -> challenge(exchange, ex.getMessage(),
							"The bearer token is not accepted: " + ex.getMessage() + "."))
			.onErrorMap(KeysUnavailableException.class, (ex) -> {
				log.warn("Cannot verify a credential: {}", ex.getMessage());
				return new GatewayRejection(HttpStatus.SERVICE_UNAVAILABLE,
						"The token cannot be verified right now. Try again later.");
			})
			.flatMap((found) -> {
				ServerWebExchange forwarded = apiKey ? exchange.mutate()
					.request((mutated) -> mutated
						.headers((headers) -> headers.set(HttpHeaders.AUTHORIZATION, BEARER + found.accessToken())))
					.build() : exchange;
				found.verified().attachTo(forwarded);
				return chain.filter(forwarded);
			});
	}

	private record Credential(String accessToken, VerifiedToken verified) {
	}

	private Mono<VerifiedToken> unlessRevoked(VerifiedToken token) {
		if (this.revocations == null) {
			return Mono.just(token);
		}
		return this.revocations.isRevoked(token).onErrorResume((ex) -> {
			if (this.whenUnavailable == WhenUnavailable.ALLOW) {
				this.unchecked.record(ex);
				return Mono.just(false);
			}
			log.warn("Refusing an authenticated request: revocations cannot be read ({})", ex.toString());
			return Mono.error(new GatewayRejection(HttpStatus.SERVICE_UNAVAILABLE,
					"Tokens cannot be checked right now. Try again later."));
		})
			.flatMap((revoked) -> revoked ? Mono.error(new InvalidTokenException("the token has been revoked"))
					: Mono.just(token));
	}

	private static <T> Mono<T> challenge(ServerWebExchange exchange, @Nullable String error, String detail) {
		String challenge = (error != null)
				? "Bearer realm=\"nori\", error=\"invalid_token\", error_description=\"" + error + "\""
				: "Bearer realm=\"nori\"";
		exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
		return Mono.error(new GatewayRejection(HttpStatus.UNAUTHORIZED, detail));
	}

	@Override
	public int getOrder() {
		// after CORS, so that preflights are answered without a token
		return Ordered.HIGHEST_PRECEDENCE + 7;
	}

}
