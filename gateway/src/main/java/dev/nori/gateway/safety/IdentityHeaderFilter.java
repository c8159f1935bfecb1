package dev.nori.gateway.safety;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.nori.gateway.edge.EdgeFilter;
import io.netty.util.AsciiString;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
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
		List<String> forged = forgedHeaders(exchange.getRequest());
		if (forged == null) {
			return chain.filter(exchange);
		}
		List<String> remove = forged;
		return chain.filter(exchange.mutate()
			.request((request) -> request.headers((headers) -> remove.forEach(headers::remove)))
			.build());
	}

	// The names as the client sent them, from Netty's headers when the request has them
	// (no step before this one adds an identity header): Spring's headerNames() builds a
	// case-insensitive set, lower-casing every name, for each request (a profile of the
	// gateway benchmark).
	private @Nullable List<String> forgedHeaders(ServerHttpRequest request) {
		List<String> forged = null;
		if (ServerHttpRequestDecorator.getNativeRequest(request) instanceof HttpServerRequest netty) {
			for (Iterator<Map.Entry<CharSequence, CharSequence>> headers = netty.requestHeaders()
				.iteratorCharSequence(); headers.hasNext();) {
				CharSequence name = headers.next().getKey();
				if (isIdentityHeader(name)) {
					forged = (forged != null) ? forged : new ArrayList<>();
					forged.add(name.toString());
				}
			}
			return forged;
		}
		for (String name : request.getHeaders().headerNames()) {
			if (isIdentityHeader(name)) {
				forged = (forged != null) ? forged : new ArrayList<>();
				forged.add(name);
			}
		}
		return forged;
	}

	private boolean isIdentityHeader(CharSequence name) {
		for (String prefix : this.prefixes) {
			if (AsciiString.regionMatches(name, true, 0, prefix, 0, prefix.length())) {
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
