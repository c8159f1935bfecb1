package dev.nori.gateway.safety;

import java.util.List;
import java.util.Locale;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Removes identity headers a client sent ({@code X-User-Id}, {@code X-User-Permissions},
 * …) so that no client can claim an identity a service might believe.
 */
class IdentityHeaderFilter implements WebFilter, Ordered {

	private final List<String> prefixes;

	IdentityHeaderFilter(List<String> prefixes) {
		this.prefixes = prefixes.stream().map((prefix) -> prefix.toLowerCase(Locale.ROOT)).toList();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		List<String> forged = exchange.getRequest()
			.getHeaders()
			.headerNames()
			.stream()
			.filter(this::isIdentityHeader)
			.toList();
		if (forged.isEmpty()) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange.mutate()
			.request((request) -> request.headers((headers) -> forged.forEach(headers::remove)))
			.build());
	}

	private boolean isIdentityHeader(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return this.prefixes.stream().anyMatch(lower::startsWith);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 3;
	}

}
