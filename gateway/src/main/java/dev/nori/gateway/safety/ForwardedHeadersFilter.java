package dev.nori.gateway.safety;

import java.net.InetSocketAddress;
import java.util.List;

import dev.nori.gateway.edge.EdgeFilter;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

/**
 * Honours {@code Forwarded} and {@code X-Forwarded-*} only from trusted proxies: from
 * anyone else they are removed before anything reads them, so a client cannot fake its
 * address or claim TLS. A trusted proxy's {@code X-Forwarded-Proto: https} marks the
 * request as served over TLS. Spring Cloud Gateway then adds its own
 * {@code X-Forwarded-*} for the services (so they see the client's address), appending to
 * a trusted proxy's.
 */
class ForwardedHeadersFilter implements EdgeFilter {

	/**
	 * Exchange attribute: the client reached us over TLS (directly or through a trusted
	 * proxy).
	 */
	static final String SECURE_ATTRIBUTE = ForwardedHeadersFilter.class.getName() + ".secure";

	private static final List<String> FORWARDING_HEADERS = List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Proto",
			"X-Forwarded-Host", "X-Forwarded-Port", "X-Forwarded-Prefix", "X-Real-IP");

	private final TrustedProxies trusted;

	ForwardedHeadersFilter(TrustedProxies trusted) {
		this.trusted = trusted;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		boolean fromTrustedProxy = remote != null && this.trusted.trusts(remote.getAddress());
		boolean secure = exchange.getRequest().getSslInfo() != null || (fromTrustedProxy
				&& "https".equalsIgnoreCase(exchange.getRequest().getHeaders().getFirst("X-Forwarded-Proto")));
		exchange.getAttributes().put(SECURE_ATTRIBUTE, secure);
		if (fromTrustedProxy) {
			String forwardedFor = exchange.getRequest().getHeaders().getFirst("X-Forwarded-For");
			if (forwardedFor != null && !forwardedFor.isBlank()) {
				exchange.getAttributes().put(ClientAddresses.ATTRIBUTE, forwardedFor.split(",")[0].trim());
			}
			return chain.filter(exchange);
		}
		HttpHeaders headers = exchange.getRequest().getHeaders();
		if (!containsAny(headers, FORWARDING_HEADERS)) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange.mutate()
			.request((request) -> request.headers((mutable) -> FORWARDING_HEADERS.forEach(mutable::remove)))
			.build());
	}

	// a loop, not a stream: this runs for every request
	private static boolean containsAny(HttpHeaders headers, List<String> names) {
		for (String name : names) {
			if (headers.containsHeader(name)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

}
