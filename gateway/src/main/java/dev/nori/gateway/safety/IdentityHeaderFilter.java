package dev.nori.gateway.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.nori.gateway.edge.EdgeFilter;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

/**
 * Removes identity headers a client sent ({@code X-User-Id}, {@code X-User-Permissions},
 * …) so that no client can claim an identity a service might believe.
 */
class IdentityHeaderFilter implements EdgeFilter {

	private final List<String> prefixes;

	IdentityHeaderFilter(List<String> prefixes) {
		this.prefixes = prefixes.stream().map((prefix) -> prefix.toLowerCase(Locale.ROOT)).toList();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		List<String> forged = null;
		for (String name : exchange.getRequest().getHeaders().headerNames()) {
			if (isIdentityHeader(name)) {
				forged = (forged != null) ? forged : new ArrayList<>();
				forged.add(name);
			}
		}
		if (forged == null) {
			return chain.filter(exchange);
		}
		List<String> remove = forged;
		return chain.filter(exchange.mutate()
			.request((request) -> request.headers((headers) -> remove.forEach(headers::remove)))
			.build());
	}

	private boolean isIdentityHeader(String name) {
		for (String prefix : this.prefixes) {
			if (name.regionMatches(true, 0, prefix, 0, prefix.length())) {
				return true;
			}
		}
		return false;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 3;
	}

}
