package dev.nori.gateway.routing;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.nori.gateway.problem.GatewayRejection;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Guards the calls to one service: at most {@code maxConcurrentCalls} in flight from this
 * instance (beyond that, 503 at once); the service's circuit breaker, which counts a call
 * failed when it ends in an error (unreachable, no answer in time) and refuses calls with
 * 503 while open; and retries of idempotent requests without a body (GET, HEAD, OPTIONS)
 * when the service cannot be reached, closes the connection before anything of its answer
 * went to the client, or answers 502 or 503, after 50 ms, 100 ms, … (at most 500 ms, with
 * jitter), all within one call of the breaker. Each attempt carries the route's
 * {@link ResponseTimeout}.
 * <p>
 * One filter and a handful of Reactor operators per request, where Spring Cloud Gateway's
 * retry filter and Spring Cloud CircuitBreaker's wrapper built repeat and retry
 * companions, a bulkhead and an event per call, and cached every request's body: the
 * largest part of the Nori chain's own cost in profiles of the gateway-overhead
 * benchmark.
 */
final class ServiceGuard implements GatewayFilter {

	private static final Logger log = LoggerFactory.getLogger(ServiceGuard.class);

	private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

	private static final long FIRST_BACKOFF_MILLIS = 50;

	private static final long MAX_BACKOFF_MILLIS = 500;

	private final CircuitBreaker breaker;

	private final int maxConcurrentCalls;

	private final int retries;

	private final ResponseTimeout responseTimeout;

	private final AtomicInteger inFlight = new AtomicInteger();

	// the state last logged: transitions are logged by the call that sees them, so that
	// no event is published per call
	private volatile CircuitBreaker.State loggedState = CircuitBreaker.State.CLOSED;

	ServiceGuard(String service, GatewayProperties.Breaker settings, int retries, ResponseTimeout responseTimeout) {
		this.breaker = CircuitBreaker.of(service,
				CircuitBreakerConfig.custom()
					.failureRateThreshold(settings.failureRateThreshold())
					.slidingWindowSize(settings.slidingWindowSize())
					.minimumNumberOfCalls(settings.minimumCalls())
					.waitDurationInOpenState(settings.waitInOpenState())
					.permittedNumberOfCallsInHalfOpenState(settings.trialCalls())
					.build());
		this.maxConcurrentCalls = settings.maxConcurrentCalls();
		this.retries = retries;
		this.responseTimeout = responseTimeout;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		return Mono.defer(() -> {
			if (this.inFlight.incrementAndGet() > this.maxConcurrentCalls) {
				this.inFlight.decrementAndGet();
				return Mono.error(new GatewayRejection(HttpStatus.SERVICE_UNAVAILABLE,
						"Too many calls to the service behind this address are in flight. Try again later."));
			}
			if (!this.breaker.tryAcquirePermission()) {
				this.inFlight.decrementAndGet();
				logTransition();
				return Mono.error(CallNotPermittedException.createCallNotPermittedException(this.breaker));
			}
			int retriesLeft = retryable(exchange.getRequest()) ? this.retries : 0;
			// not tap(): with context-propagation "limited", Reactor restores the
			// thread locals (trace scope) around every signal tap() sees
			Outcome outcome = new Outcome();
			return attempt(exchange, chain, 1, retriesLeft).doOnSuccess((done) -> outcome.succeeded())
				.doOnError(outcome::failed)
				.doOnCancel(outcome::cancelled)
				.contextWrite(this.responseTimeout.context());
		});
	}

	private Mono<Void> attempt(ServerWebExchange exchange, GatewayFilterChain chain, int attempt, int retriesLeft) {
		if (retriesLeft == 0) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange)
			.then(Mono.fromSupplier(() -> retryableStatus(exchange.getResponse().getStatusCode())))
			.onErrorResume((ex) -> unreachable(ex) || closedBeforeAnswering(ex, exchange),
					(ex) -> Mono.just(Boolean.TRUE))
			.flatMap((again) -> again ? Mono.delay(backoff(attempt)).then(Mono.defer(() -> {
				// forget the failed call's response, as Spring Cloud Gateway's retry does
				ServerWebExchangeUtils.reset(exchange);
				return attempt(exchange, chain, attempt + 1, retriesLeft - 1);
			})) : Mono.empty());
	}

	// a request body is read once: only requests without one can be sent again
	private static boolean retryable(ServerHttpRequest request) {
		return IDEMPOTENT.contains(request.getMethod()) && request.getHeaders().getContentLength() <= 0
				&& !request.getHeaders().containsHeader("Transfer-Encoding");
	}

	private static boolean retryableStatus(HttpStatusCode status) {
		return status != null && (status.value() == HttpStatus.BAD_GATEWAY.value()
				|| status.value() == HttpStatus.SERVICE_UNAVAILABLE.value());
	}

	private static boolean unreachable(Throwable ex) {
		return ex instanceof ConnectException || ex.getCause() instanceof ConnectException;
	}

	// a service that closed the connection (it restarted, or a proxy in front of it did)
	// can be asked again, as long as the client has not been sent a part of its answer
	private static boolean closedBeforeAnswering(Throwable ex, ServerWebExchange exchange) {
		return ex instanceof PrematureCloseException && !exchange.getResponse().isCommitted();
	}

	// 50 ms, 100 ms, 200 ms, … up to 500 ms, each between half and all of it
	static Duration backoff(int attempt) {
		long full = Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << Math.min(attempt - 1, 10));
		return Duration.ofMillis(full / 2 + ThreadLocalRandom.current().nextLong(full / 2 + 1));
	}

	private void logTransition() {
		CircuitBreaker.State state = this.breaker.getState();
		if (state != this.loggedState) {
			this.loggedState = state;
			log.warn("The circuit breaker of service '{}' is now {}", this.breaker.getName(), state);
		}
	}

	/**
	 * Tells the breaker how the call ended and frees its place, once.
	 */
	private final class Outcome {

		private final long start = System.nanoTime();

		private final AtomicBoolean ended = new AtomicBoolean();

		void succeeded() {
			if (this.ended.compareAndSet(false, true)) {
				ServiceGuard.this.breaker.onSuccess(System.nanoTime() - this.start, TimeUnit.NANOSECONDS);
				finished();
			}
		}

		void failed(Throwable error) {
			if (this.ended.compareAndSet(false, true)) {
				ServiceGuard.this.breaker.onError(System.nanoTime() - this.start, TimeUnit.NANOSECONDS, error);
				finished();
			}
		}

		void cancelled() {
			if (this.ended.compareAndSet(false, true)) {
				// the client went away: the call says nothing about the service
				ServiceGuard.this.breaker.releasePermission();
				finished();
			}
		}

		private void finished() {
			ServiceGuard.this.inFlight.decrementAndGet();
			logTransition();
		}

	}

}
