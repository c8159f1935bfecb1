package dev.nori.gateway.session;

import dev.nori.gateway.edge.EdgeFilter;
import dev.nori.gateway.routing.GatewayProperties;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import dev.nori.gateway.problem.GatewayRejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.WebSession;

/**
 * For a request that carries the session cookie and no {@code Authorization}: an unsafe
 * method needs the CSRF token in its header (403 otherwise); the session's access token,
 * refreshed when about to expire, becomes the bearer token, and the session cookies are
 * not forwarded. Runs before the token check, which then checks the relayed token like
 * any other. A service's browser page also gets a freshly masked CSRF token in
 * {@value #FORWARDED_CSRF}, for the forms it renders.
 */
class BrowserSessionRelayFilter implements EdgeFilter {

	private static final Logger log = LoggerFactory.getLogger(BrowserSessionRelayFilter.class);

	private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
			HttpMethod.TRACE);

	/**
	 * The header that hands a page the session's CSRF token (clients' copies are
	 * removed).
	 */
	static final String FORWARDED_CSRF = "X-Nori-Csrf-Token";

	private final BrowserSessionProperties properties;

	private final GatewayProperties routes;

	private final AuthServiceClient auth;

	private final Clock clock;

	BrowserSessionRelayFilter(BrowserSessionProperties properties, GatewayProperties routes, AuthServiceClient auth,
			Clock clock) {
		this.properties = properties;
		this.routes = routes;
		this.auth = auth;
		this.clock = clock;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		String path = request.getPath().pathWithinApplication().value();
		if (request.getCookies().getFirst(this.properties.cookieName()) == null
				|| request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
				|| !(path.startsWith("/api/") || path.startsWith("/ws/") || this.routes.isPage(path))
				|| BrowserSessionEndpoints.PATH.equals(path) && request.getMethod() == HttpMethod.POST) {
			return chain.filter(exchange);
		}
		return exchange.getSession().onErrorMap((ex) -> {
			log.warn("Browser sessions cannot be read: {}", ex.toString());
			return new GatewayRejection(HttpStatus.SERVICE_UNAVAILABLE,
					"Sessions cannot be read right now. Try again later.");
		}).flatMap((session) -> relay(exchange, chain, session));
	}

	private Mono<Void> relay(ServerWebExchange exchange, WebFilterChain chain, WebSession session) {
		SessionTokens tokens = SessionTokens.of(session);
		if (tokens == null) {
			return chain.filter(exchange);
		}
		ServerHttpRequest request = exchange.getRequest();
		boolean page = this.routes.isPage(request.getPath().pathWithinApplication().value());
		if (!SAFE.contains(request.getMethod()) && !CsrfTokens
			.matches(request.getHeaders().getFirst(this.properties.csrfHeader()), tokens.csrfSecret())) {
			return Mono.error(new GatewayRejection(HttpStatus.FORBIDDEN,
					"This request needs the session's CSRF token in the " + this.properties.csrfHeader() + " header."));
		}
		return fresh(session, tokens).map(java.util.Optional::of)
			.defaultIfEmpty(java.util.Optional.empty())
			.flatMap((current) -> current.isEmpty() ? chain.filter(exchange)
					: chain.filter(exchange.mutate().request((mutated) -> mutated.headers((headers) -> {
						headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + current.get().accessToken());
						if (page) {
							headers.set(FORWARDED_CSRF, CsrfTokens.mask(current.get().csrfSecret()));
						}
						withoutSessionCookies(headers);
					})).build()));
	}

	private Mono<SessionTokens> fresh(WebSession session, SessionTokens tokens) {
		if (tokens.accessExpiresAt().isAfter(this.clock.instant().plus(this.properties.refreshBefore()))) {
			return Mono.just(tokens);
		}
		return this.auth.refresh(tokens.refreshToken()).map((pair) -> {
			SessionTokens renewed = new SessionTokens(pair.accessToken(), pair.refreshToken(),
					this.auth.expiresAt(pair), tokens.csrfSecret());
			renewed.storeIn(session);
			return renewed;
		}).onErrorResume((ex) -> {
			// the login is over (revoked, expired): the browser must log in again
			log.debug("A session's refresh failed: {}", ex.toString());
			return session.invalidate().then(Mono.empty());
		});
	}

	private void withoutSessionCookies(HttpHeaders headers) {
		List<String> cookies = headers.get(HttpHeaders.COOKIE);
		if (cookies == null) {
			return;
		}
		List<String> kept = cookies.stream()
			.flatMap((header) -> java.util.Arrays.stream(header.split(";")))
			.map(String::trim)
			.filter((cookie) -> !cookie.startsWith(this.properties.cookieName() + "=")
					&& !cookie.startsWith(this.properties.csrfCookieName() + "="))
			.toList();
		if (kept.isEmpty()) {
			headers.remove(HttpHeaders.COOKIE);
		}
		else {
			headers.set(HttpHeaders.COOKIE, String.join("; ", kept));
		}
	}

	@Override
	public int getOrder() {
		// before the token check (HIGHEST_PRECEDENCE + 7), after CORS and body limits
		return Ordered.HIGHEST_PRECEDENCE + 6;
	}

}
