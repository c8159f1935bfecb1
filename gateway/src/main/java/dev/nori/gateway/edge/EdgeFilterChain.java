package dev.nori.gateway.edge;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.core.OrderComparator;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Runs every {@link EdgeFilter} in order as a single web filter. Registered one by one,
 * each filter cost every request what Spring's web filter chain adds per filter: its
 * {@code toString()} built into a {@code checkpoint} description, and one more operator
 * for every signal of the request to pass through. Each step is still deferred, so that a
 * filter runs only once the one before it subscribes to the rest, as it did there.
 */
final class EdgeFilterChain implements WebFilter, Ordered {

	private final EdgeFilter[] filters;

	EdgeFilterChain(List<EdgeFilter> filters) {
		this.filters = filters.stream().sorted(OrderComparator.INSTANCE).toArray(EdgeFilter[]::new);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return new Step(0, chain).filter(exchange);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	private final class Step implements WebFilterChain {

		private final int index;

		private final WebFilterChain rest;

		Step(int index, WebFilterChain rest) {
			this.index = index;
			this.rest = rest;
		}

		@Override
		public Mono<Void> filter(ServerWebExchange exchange) {
			if (this.index == EdgeFilterChain.this.filters.length) {
				return this.rest.filter(exchange);
			}
			EdgeFilter current = EdgeFilterChain.this.filters[this.index];
			Step next = new Step(this.index + 1, this.rest);
			return Mono.defer(() -> current.filter(exchange, next));
		}

	}

}
