package dev.nori.gateway.edge;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class EdgeFilterChainTest {

	private final List<String> seen = new ArrayList<>();

	private final MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/x"));

	private final WebFilterChain routing = (exchange) -> Mono.fromRunnable(() -> this.seen.add("routing"));

	@Test
	void runsTheFiltersByTheirOrderThenTheRestOfTheChain() {
		EdgeFilterChain chain = new EdgeFilterChain(
				List.of(passing("third", 3), passing("first", 1), EdgeFilter.of((exchange, next) -> {
					this.seen.add("second");
					return next.filter(exchange);
				}, 2)));

		chain.filter(this.exchange, this.routing).block();

		assertThat(this.seen).containsExactly("first", "second", "third", "routing");
	}

	@Test
	void aFilterThatAnswersItselfEndsTheRequestThere() {
		EdgeFilterChain chain = new EdgeFilterChain(List.of(passing("first", 1), new Step("refuses", 2) {
			@Override
			public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain next) {
				seen.add("refuses");
				exchange.getResponse().setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
				return exchange.getResponse().setComplete();
			}
		}, passing("never", 3)));

		chain.filter(this.exchange, this.routing).block();

		assertThat(this.seen).containsExactly("first", "refuses");
		assertThat(this.exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
	}

	@Test
	void aFilterRunsOnlyWhenTheOneBeforeSubscribesToTheRest() {
		// the first step's own work is done before the rest runs, as in Spring's chain
		EdgeFilterChain chain = new EdgeFilterChain(List.of(new Step("first", 1) {
			@Override
			public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain next) {
				Mono<Void> rest = next.filter(exchange);
				seen.add("first, after assembling the rest");
				return rest;
			}
		}, passing("second", 2)));

		Mono<Void> handling = chain.filter(this.exchange, this.routing);
		assertThat(this.seen).isEmpty();
		handling.block();

		assertThat(this.seen).containsExactly("first, after assembling the rest", "second", "routing");
	}

	@Test
	void aFilterThatThrowsEndsTheRequestWithThatError() {
		EdgeFilterChain chain = new EdgeFilterChain(List.of(passing("first", 1), new Step("throws", 2) {
			@Override
			public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain next) {
				throw new IllegalStateException("broken filter");
			}
		}));

		Mono<Void> handling = chain.filter(this.exchange, this.routing);

		assertThatIllegalStateException().isThrownBy(handling::block).withMessage("broken filter");
		assertThat(this.seen).containsExactly("first");
	}

	private Step passing(String name, int order) {
		return new Step(name, order);
	}

	private class Step implements EdgeFilter {

		private final String name;

		private final int order;

		Step(String name, int order) {
			this.name = name;
			this.order = order;
		}

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain next) {
			EdgeFilterChainTest.this.seen.add(this.name);
			return next.filter(exchange);
		}

		@Override
		public int getOrder() {
			return this.order;
		}

	}

}
