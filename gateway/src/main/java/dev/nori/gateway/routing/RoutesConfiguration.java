package dev.nori.gateway.routing;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.netty.channel.ChannelOption;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.BooleanSpec;
import org.springframework.cloud.gateway.route.builder.PredicateSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.route.builder.UriSpec;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
	RouteLocator serviceRoutes(RouteLocatorBuilder builder, GatewayProperties properties,
			ObjectProvider<GatewayEndpoints> gatewayEndpoints) {
		List<String> own = gatewayEndpoints.orderedStream()
			.flatMap((endpoints) -> endpoints.patterns().stream())
			.toList();
		RouteLocatorBuilder.Builder routes = builder.routes();
		properties.services().forEach((key, uri) -> {
			// one per service: its API and its pages share the breaker and the bulkhead
			ServiceGuard guard = new ServiceGuard(key, properties.breaker(), properties.retries(),
					new ResponseTimeout(properties.responseTimeout()));
			// first, so that they win over the service's API route
			List<String> streams = properties.streams().getOrDefault(key, List.of());
			if (!streams.isEmpty()) {
				routes.route(key + "-streams",
						(route) -> paths(route, own, streams.toArray(String[]::new))
							.metadata(Map.of(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, -1))
							.uri(uri));
			}
			List<String> sockets = properties.sockets().getOrDefault(key, List.of());
			if (!sockets.isEmpty()) {
				routes.route(key + "-sockets", (route) -> paths(route, own, sockets.toArray(String[]::new)).uri(uri));
			}
			routes
				.route(key,
						(route) -> resilient(paths(route, own, "/api/" + key, "/api/" + key + "/**"), guard).uri(uri))
				// WebSocket sessions outlive any response timeout or breaker time limit,
				// and are never retried
				.route(key + "-ws", (route) -> paths(route, own, "/ws/" + key, "/ws/" + key + "/**").uri(uri));
			if (properties.pages().contains(key)) {
				routes.route(key + "-pages",
						(route) -> resilient(paths(route, own, "/" + key + "/**"), guard).uri(uri));
			}
		});
		return routes.build();
	}

	// The connect timeout is one for every service, so it is set on the gateway's
	// client once: as route metadata it made Spring Cloud Gateway derive a new client
	// for every request. The response timeout is set per call (ResponseTimeout).
	@Bean
	HttpClientCustomizer timeouts(GatewayProperties properties) {
		return (client) -> ResponseTimeout.appliedBy(
				client.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis()));
	}

	@Bean
	SocketOriginFilter socketOriginFilter(GatewayProperties properties) {
		return new SocketOriginFilter(properties.publicUrl());
	}

	@Bean
	SocketUpgradeOnItsChannelFilter socketUpgradeOnItsChannelFilter() {
		return new SocketUpgradeOnItsChannelFilter();
	}

	// A route's paths, less those of the gateway's own that they cover: literal prefixes
	// ("/api/auth/**" covers "/api/auth/session"), which is all the routes have.
	private static BooleanSpec paths(PredicateSpec route, List<String> own, String... patterns) {
		List<String> taken = own.stream()
			.filter((endpoint) -> Arrays.stream(patterns).anyMatch((pattern) -> covers(pattern, endpoint)))
			.toList();
		return taken.isEmpty() ? route.path(patterns) : route.predicate(new PathsExcept(List.of(patterns), taken));
	}

	private static boolean covers(String pattern, String endpoint) {
		String prefix = withoutWildcard(pattern);
		String path = withoutWildcard(endpoint);
		return path.equals(prefix) || (pattern.endsWith("/**") && path.startsWith(prefix + "/"));
	}

	private static String withoutWildcard(String pattern) {
		return pattern.endsWith("/**") ? pattern.substring(0, pattern.length() - 3) : pattern;
	}

	// the service's guard (bulkhead, breaker, idempotent-only retries, the response
	// timeout); Spring Cloud Gateway's own response timeout is off
	private static UriSpec resilient(BooleanSpec route, ServiceGuard guard) {
		return route.filters((filters) -> filters.filter(guard))
			.metadata(Map.of(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, -1));
	}

}
