package dev.nori.gateway.problem;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import dev.nori.contracts.problem.ProblemType;
import dev.nori.servicedefaults.core.problem.Problems;
import dev.nori.servicedefaults.core.requestid.RequestIds;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers every error at the gateway with problem JSON: 404 when no route matches, 503
 * when the service cannot be reached, its circuit breaker is open or too many calls to it
 * are in flight, 502 when it closes or breaks the connection instead of answering, 504
 * when it does not answer in time, and 500 (details only in the log) for anything else.
 */
@Component
@Order(-2)
class GatewayProblemHandler implements ErrorWebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(GatewayProblemHandler.class);

	private final JsonMapper json;

	private final Tracer tracer;

	GatewayProblemHandler(JsonMapper json, ObjectProvider<Tracer> tracer) {
		this.json = json;
		this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.error(ex);
		}
		ProblemType type = classify(ex);
		String detail = (ex instanceof GatewayRejection rejection) ? rejection.getReason() : switch (type) {
			case SERVICE_UNAVAILABLE -> "The service behind this address is unavailable. Try again later.";
			case GATEWAY_TIMEOUT -> "The service behind this address did not answer in time.";
			case BAD_GATEWAY -> "The service behind this address closed the connection without an answer.";
			// framework reasons name internals ("No static resource …"): the type's
			// default detail says enough
			default -> null;
		};
		String requestId = exchange.getAttribute(RequestIds.CONTEXT_KEY);
		// error handlers run outside the request's Reactor context, and the gateway does
		// not restore thread locals on every operator (see application.yaml): set the
		// log context, request id and trace, by hand
		MDC.put(RequestIds.CONTEXT_KEY, requestId);
		try (Tracer.SpanInScope trace = this.tracer.withSpan(requestSpan(exchange))) {
			if (type == ProblemType.INTERNAL_ERROR) {
				log.error("Error answering {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
						ex);
			}
			else if (type.status() >= 500) {
				log.warn("{} for {}: {}", type.status(), exchange.getRequest().getPath(), ex.getMessage());
			}
		}
		finally {
			MDC.remove(RequestIds.CONTEXT_KEY);
		}
		ProblemDetail problem = Problems.of(type, detail, exchange.getRequest().getPath().value(), requestId);
		response.setStatusCode(HttpStatus.valueOf(type.status()));
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		DataBuffer body = response.bufferFactory().wrap(this.json.writeValueAsBytes(problem));
		return response.writeWith(Mono.just(body));
	}

	// the span of the request's server observation; withSpan(null) leaves the trace out
	private static @Nullable Span requestSpan(ServerWebExchange exchange) {
		return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
			.map((context) -> context.<TracingObservationHandler.TracingContext>get(
					TracingObservationHandler.TracingContext.class))
			.map(TracingObservationHandler.TracingContext::getSpan)
			.orElse(null);
	}

	static ProblemType classify(Throwable ex) {
		if (ex instanceof GatewayRejection rejection) {
			return ProblemType.forStatusOrGeneric(rejection.getStatusCode().value());
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof ConnectTimeoutException
					|| cause instanceof CallNotPermittedException) {
				return ProblemType.SERVICE_UNAVAILABLE;
			}
			// ReadTimeoutException: a route's response timeout
			if (cause instanceof TimeoutException || cause instanceof ReadTimeoutException) {
				return ProblemType.GATEWAY_TIMEOUT;
			}
			// the connection to the service closed or broke before its answer
			// came (PrematureCloseException, a reset): the service's failure,
			// not the gateway's
			if (cause instanceof IOException) {
				return ProblemType.BAD_GATEWAY;
			}
			// Spring Cloud Gateway's own failures (breaker open,
			// timeouts) carry @ResponseStatus
			ResponseStatus annotated = AnnotatedElementUtils.findMergedAnnotation(cause.getClass(),
					ResponseStatus.class);
			if (annotated != null) {
				return ProblemType.forStatusOrGeneric(annotated.code().value());
			}
		}
		if (ex instanceof ResponseStatusException status) {
			return ProblemType.forStatusOrGeneric(status.getStatusCode().value());
		}
		return ProblemType.INTERNAL_ERROR;
	}

}
