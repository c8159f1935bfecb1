package dev.nori.gateway.routing;

import java.net.URI;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Opens a proxied WebSocket from the gateway's public origin when the client sent no
 * {@code Origin} (apps, command-line clients). Otherwise the WebSocket client would send
 * an origin made from the service's own address, which no service allows; a browser's
 * origin is forwarded as it came, for the service to check.
 */
class SocketOriginFilter implements GlobalFilter, Ordered {

	private final String origin;

	SocketOriginFilter(URI publicUrl) {
		this.origin = publicUrl.getScheme() + "://" + publicUrl.getRawAuthority();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		HttpHeaders headers = exchange.getRequest().getHeaders();
		if (!"websocket".equalsIgnoreCase(headers.getUpgrade()) || headers.getOrigin() != null) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange.mutate()
			.request(exchange.getRequest().mutate().header(HttpHeaders.ORIGIN, this.origin).build())
			.build());
	}

	@Override
	public int getOrder() {
		// just before the WebSocket routing filter (lowest precedence - 1)
		return Ordered.LOWEST_PRECEDENCE - 2;
	}

}
