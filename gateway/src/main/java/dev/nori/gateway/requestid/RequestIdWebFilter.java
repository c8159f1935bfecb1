package dev.nori.gateway.requestid;

import dev.nori.gateway.edge.EdgeFilter;
import dev.nori.servicedefaults.core.requestid.RequestIds;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives every request an id at the edge (the client's when safe), kept in the exchange
 * attribute {@link RequestIds#CONTEXT_KEY} for the gateway's own use and for
 * {@link RequestIdForwarding}, and echoes it in the response, errors included.
 */
@Component
class RequestIdWebFilter implements EdgeFilter {

	private final RequestIds requestIds = new RequestIds();

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String requestId = this.requestIds
			.acceptOrCreate(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
		exchange.getAttributes().put(RequestIds.CONTEXT_KEY, requestId);
		exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
		// the service gets it from RequestIdForwarding
		return chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
