package dev.nori.gateway.edge;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * A step every request takes at the gateway before routing, with the contract of a
 * {@link WebFilter}: handle the exchange, or pass it on with {@code chain.filter}. Beans
 * of this type are not web filters of their own: {@link EdgeFilterChain} runs them all,
 * in their {@link #getOrder() order}, as one.
 */
public interface EdgeFilter extends Ordered {

	/**
	 * Handles the exchange or passes it on to the next step.
	 * @param exchange the exchange
	 * @param chain the steps after this one, then routing
	 * @return completion of the request's handling
	 */
	Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain);

	/**
	 * Adapts a web filter that Spring provides (CORS) as a step.
	 * @param filter the web filter
	 * @param order its place among the steps
	 * @return the step
	 */
	static EdgeFilter of(WebFilter filter, int order) {
		return new EdgeFilter() {

			@Override
			public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
				return filter.filter(exchange, chain);
			}

			@Override
			public int getOrder() {
				return order;
			}

			@Override
			public String toString() {
				return filter.getClass().getSimpleName();
			}

		};
	}

}
