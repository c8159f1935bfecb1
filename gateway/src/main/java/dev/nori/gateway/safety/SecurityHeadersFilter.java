package dev.nori.gateway.safety;

import dev.nori.gateway.edge.EdgeFilter;
import dev.nori.gateway.routing.GatewayProperties;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

/**
 * Sets the security headers on every response just before it is sent, so that errors
 * answered by the gateway and responses relayed from services carry them alike; removes
 * headers that reveal the server.
 */
class SecurityHeadersFilter implements EdgeFilter {

	private final SafetyProperties properties;

	private final GatewayProperties routes;

	SecurityHeadersFilter(SafetyProperties properties, GatewayProperties routes) {
		this.properties = properties;
		this.routes = routes;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		exchange.getResponse().beforeCommit(() -> {
			HttpHeaders headers = exchange.getResponse().getHeaders();
			String path = exchange.getRequest().getPath().pathWithinApplication().value();
			boolean page = this.routes.isPage(path);
			headers.set("X-Content-Type-Options", "nosniff");
			headers.set("Content-Security-Policy", contentSecurityPolicy(path, page));
			headers.set("Referrer-Policy",
					page ? this.properties.pageReferrerPolicy() : this.properties.referrerPolicy());
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

	private String contentSecurityPolicy(String path, boolean page) {
		if (path.equals("/docs") || path.startsWith("/docs/")) {
			return this.properties.docsContentSecurityPolicy();
		}
		return page ? this.properties.pageContentSecurityPolicy() : this.properties.contentSecurityPolicy();
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 2;
	}

}
