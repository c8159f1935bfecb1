package dev.nori.gateway.routing;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.nori.gateway.problem.GatewayRejection;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.PrematureCloseException;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guard's decisions on their own, with chains that stand in for the routing filter
 * (the services themselves are exercised through a running gateway in
 * GatewayResilienceIT).
 */
class ServiceGuardTest {

	private static final GatewayProperties.Breaker BREAKER = new GatewayProperties.Breaker(50, 4, 4,
			Duration.ofMinutes(1), 1, 2);

	private static final ResponseTimeout TIMEOUT = new ResponseTimeout(Duration.ofSeconds(30));

	@Test
	void callsBeyondTheBulkheadAreRefusedAtOnceAndItsPlacesComeBack() {
		ServiceGuard guard = new ServiceGuard("content", BREAKER, 0, TIMEOUT);
		Sinks.Empty<Void> first = Sinks.empty();
		Sinks.Empty<Void> second = Sinks.empty();
		Disposable one = guard.filter(get(), (exchange) -> first.asMono()).subscribe();
		Disposable two = guard.filter(get(), (exchange) -> second.asMono()).subscribe();

		assertThat(failure(guard.filter(get(), (exchange) -> Mono.empty()))).isInstanceOfSatisfying(
				GatewayRejection.class,
				(rejection) -> assertThat(rejection.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));

		first.tryEmitEmpty();
		assertThat(failure(guard.filter(get(), (exchange) -> Mono.empty()))).isNull();
		// a client that goes away frees its place too
		two.dispose();
		assertThat(failure(guard.filter(get(), (exchange) -> Mono.empty()))).isNull();
		one.dispose();
	}

	@Test
	void anUnreachableServiceIsTriedAgainForAGetWithoutABodyOnly() {
		ServiceGuard guard = new ServiceGuard("content", BREAKER, 2, TIMEOUT);
		AtomicInteger calls = new AtomicInteger();
		GatewayFilterChain unreachable = (exchange) -> {
			calls.incrementAndGet();
			return Mono.error(new ConnectException("Connection refused"));
		};

		assertThat(failure(guard.filter(get(), unreachable))).isInstanceOf(ConnectException.class);
		assertThat(calls).as("calls for a GET with two retries").hasValue(3);

		calls.set(0);
		MockServerWebExchange post = MockServerWebExchange.from(MockServerHttpRequest.post("/api/content/x"));
		assertThat(failure(guard.filter(post, unreachable))).isInstanceOf(ConnectException.class);
		assertThat(calls).as("calls for a POST").hasValue(1);

		calls.set(0);
		MockServerWebExchange getWithBody = MockServerWebExchange
			.from(MockServerHttpRequest.get("/api/content/x").header("Content-Length", "2"));
		assertThat(failure(guard.filter(getWithBody, unreachable))).isInstanceOf(ConnectException.class);
		assertThat(calls).as("calls for a GET with a body").hasValue(1);
	}

	@Test
	void aConnectionClosedBeforeAnyAnswerWentOutIsTriedAgainForAGetOnly() {
		ServiceGuard guard = new ServiceGuard("content", BREAKER, 2, TIMEOUT);
		AtomicInteger calls = new AtomicInteger();
		GatewayFilterChain closes = (exchange) -> {
			calls.incrementAndGet();
			return Mono.error(PrematureCloseException.TEST_EXCEPTION);
		};

		assertThat(failure(guard.filter(get(), closes))).isInstanceOf(PrematureCloseException.class);
		assertThat(calls).as("calls for a GET with two retries").hasValue(3);

		calls.set(0);
		MockServerWebExchange post = MockServerWebExchange.from(MockServerHttpRequest.post("/api/content/x"));
		assertThat(failure(guard.filter(post, closes))).isInstanceOf(PrematureCloseException.class);
		assertThat(calls).as("calls for a POST").hasValue(1);

		// once the client has the start of an answer, another one cannot follow it
		calls.set(0);
		GatewayFilterChain closesDuringTheAnswer = (exchange) -> {
			calls.incrementAndGet();
			return exchange.getResponse().setComplete().then(Mono.error(PrematureCloseException.TEST_EXCEPTION));
		};
		assertThat(failure(guard.filter(get(), closesDuringTheAnswer))).isInstanceOf(PrematureCloseException.class);
		assertThat(calls).as("calls for a GET whose answer had begun").hasValue(1);
	}

	@Test
	void aServiceThatAnswersIsNotTriedAgainUnlessItSaysItIsUnavailable() {
		ServiceGuard guard = new ServiceGuard("content", BREAKER, 2, TIMEOUT);
		AtomicInteger calls = new AtomicInteger();
		GatewayFilterChain answers = (exchange) -> {
			int call = calls.incrementAndGet();
			exchange.getResponse().setStatusCode((call == 1) ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.NOT_FOUND);
			return Mono.empty();
		};
		MockServerWebExchange exchange = get();
		assertThat(failure(guard.filter(exchange, answers))).isNull();
		assertThat(calls).hasValue(2);
		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void failedCallsOpenTheBreakerWhichThenRefusesWithoutCallingAndAnswersCount() {
		ServiceGuard guard = new ServiceGuard("content", BREAKER, 0, TIMEOUT);
		AtomicInteger calls = new AtomicInteger();
		GatewayFilterChain failing = (exchange) -> {
			calls.incrementAndGet();
			return Mono.error(new java.util.concurrent.TimeoutException("no answer"));
		};
		// an answered call, even a 503, is a success for the breaker: 3 failures of 4
		GatewayFilterChain answered = (exchange) -> {
			exchange.getResponse().setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
			return Mono.empty();
		};
		assertThat(failure(guard.filter(get(), answered))).isNull();
		for (int i = 0; i < 3; i++) {
			assertThat(failure(guard.filter(get(), failing))).isNotNull();
		}
		calls.set(0);
		assertThat(failure(guard.filter(get(), failing))).isInstanceOf(CallNotPermittedException.class);
		assertThat(calls).as("calls let through an open breaker").hasValue(0);
	}

	@Test
	void backoffDoublesFromFiftyMillisecondsUpToHalfASecondWithJitter() {
		for (int i = 0; i < 100; i++) {
			assertThat(ServiceGuard.backoff(1)).isBetween(Duration.ofMillis(25), Duration.ofMillis(50));
			assertThat(ServiceGuard.backoff(2)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
			assertThat(ServiceGuard.backoff(5)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
			assertThat(ServiceGuard.backoff(40)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
		}
	}

	// what the call ended with, or null when it completed
	private static Throwable failure(Mono<Void> call) {
		return call.then(Mono.<Throwable>empty()).onErrorResume(Mono::just).block(Duration.ofSeconds(10));
	}

	private static MockServerWebExchange get() {
		return MockServerWebExchange.from(MockServerHttpRequest.get("/api/content/x"));
	}

}
