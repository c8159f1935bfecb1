package dev.nori.gateway.routing;

import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4jBulkheadProvider;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4jBulkheadConfigurationBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.BooleanSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.route.builder.UriSpec;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * Two routes per service: {@code /api/<key>/**} to the service's base URI, path
 * unchanged, with the configured timeouts, a circuit breaker named after the route, and
 * retries for idempotent methods only; and {@code /ws/<key>/**} for its WebSockets. A
 * service with pages also gets {@code /<key>/**}, like its API. Configured WebSocket
 * paths route like {@code /ws/<key>/**}; configured stream paths (Server-Sent Events) get
 * the connect timeout but no response timeout, retry or breaker, since a stream is meant
 * to stay open.
 */
@Configuration(proxyBeanMethods = false)
class RoutesConfiguration {

	@Bean
	RouteLocator serviceRoutes(RouteLocatorBuilder builder, GatewayProperties properties) {
		RouteLocatorBuilder.Builder routes = builder.routes();
		properties.services().forEach((key, uri) -> {
			// first, so that they win over the service's API route
			List<String> streams = properties.streams().getOrDefault(key, List.of());
			if (!streams.isEmpty()) {
				routes.route(key + "-streams", (route) -> route.path(streams.toArray(String[]::new))
					.metadata(Map.of(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR,
							(int) properties.connectTimeout().toMillis(), RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, -1))
					.uri(uri));
			}
			List<String> sockets = properties.sockets().getOrDefault(key, List.of());
			if (!sockets.isEmpty()) {
				routes.route(key + "-sockets", (route) -> route.path(sockets.toArray(String[]::new)).uri(uri));
			}
			routes
				.route(key,
						(route) -> resilient(route.path("/api/" + key, "/api/" + key + "/**"), key, properties)
							.uri(uri))
				// WebSocket sessions outlive any response timeout or breaker time limit,
				// and are never retried
				.route(key + "-ws", (route) -> route.path("/ws/" + key, "/ws/" + key + "/**").uri(uri));
			if (properties.pages().contains(key)) {
				routes.route(key + "-pages",
						(route) -> resilient(route.path("/" + key + "/**"), key, properties).uri(uri));
			}
		});
		return routes.build();
	}

	@Bean
	SocketOriginFilter socketOriginFilter(GatewayProperties properties) {
		return new SocketOriginFilter(properties.publicUrl());
	}

	// the service's breaker, idempotent-only retries, the configured timeouts
	private static UriSpec resilient(BooleanSpec route, String key, GatewayProperties properties) {
		return route
			.filters((filters) -> filters.circuitBreaker((breaker) -> breaker.setName(key))
				.retry((retry) -> retry.setRetries(properties.retries())
					.setMethods(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS)
					.setStatuses(HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE)
					.setSeries()
					.setExceptions(ConnectException.class)
					.setBackoff(Duration.ofMillis(50), Duration.ofMillis(500), 2, true)))
			.metadata(Map.of(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, (int) properties.connectTimeout().toMillis(),
					RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, properties.responseTimeout().toMillis()));
	}

	// Spring Cloud CircuitBreaker wraps every call in a Resilience4j bulkhead of 25
	// concurrent calls unless told otherwise: far too few for a gateway.
	@Bean
	Customizer<ReactiveResilience4jBulkheadProvider> bulkheadDefaults(GatewayProperties properties) {
		return (provider) -> provider.configureDefault(
				(id) -> new Resilience4jBulkheadConfigurationBuilder()
					.bulkheadConfig(BulkheadConfig.custom()
						.maxConcurrentCalls(properties.breaker().maxConcurrentCalls())
						.maxWaitDuration(Duration.ZERO)
						.build())
					.build());
	}

	// No time limit of the breaker's own (its default is 1 s, and a second timer per call
	// costs): the route's connect and response timeouts bound every call, and the breaker
	// counts their failures.
	@Bean
	Customizer<ReactiveResilience4JCircuitBreakerFactory> breakerDefaults(GatewayProperties properties) {
		GatewayProperties.Breaker breaker = properties.breaker();
		return (factory) -> factory.configureDefault(
				(id) -> new Resilience4JConfigBuilder(id)
					.circuitBreakerConfig(CircuitBreakerConfig.custom()
						.failureRateThreshold(breaker.failureRateThreshold())
						.slidingWindowSize(breaker.slidingWindowSize())
						.minimumNumberOfCalls(breaker.minimumCalls())
						.waitDurationInOpenState(breaker.waitInOpenState())
						.permittedNumberOfCallsInHalfOpenState(breaker.trialCalls())
						.build())
					.build());
	}

}
