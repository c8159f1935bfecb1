package dev.nori.gateway.safety;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Sets the security headers on every response just before it is sent, so that errors
 * answered by the gateway and responses relayed from services carry them alike; removes
 * headers that reveal the server.
 */
class SecurityHeadersFilter implements WebFilter, Ordered {

	private final SafetyProperties properties;

	SecurityHeadersFilter(SafetyProperties properties) {
		this.properties = properties;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		exchange.getResponse().beforeCommit(() -> {
			HttpHeaders headers = exchange.getResponse().getHeaders();
			headers.set("X-Content-Type-Options", "nosniff");
			headers.set("Content-Security-Policy", isDocs(exchange) ? this.properties.docsContentSecurityPolicy()
					: this.properties.contentSecurityPolicy());
			headers.set("Referrer-Policy", this.properties.referrerPolicy());
			headers.set("Permissions-Policy", this.properties.permissionsPolicy());
			if (Boolean.TRUE.equals(exchange.getAttribute(ForwardedHeadersFilter.SECURE_ATTRIBUTE))) {
				headers.set("Strict-Transport-Security", this.properties.strictTransportSecurity());
			}
			headers.remove("Server");
			headers.remove("X-Powered-By");
			return Mono.empty();
		});
		return chain.filter(exchange);
	}

	private static boolean isDocs(ServerWebExchange exchange) {
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		return path.equals("/docs") || path.startsWith("/docs/");
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 2;
	}

}
