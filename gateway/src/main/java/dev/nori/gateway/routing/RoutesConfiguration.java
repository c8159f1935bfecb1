package dev.nori.gateway.routing;

import java.util.Map;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One route per service: {@code /api/<key>/**} to the service's base URI, path unchanged.
 */
@Configuration(proxyBeanMethods = false)
class RoutesConfiguration {

	@Bean
	RouteLocator serviceRoutes(RouteLocatorBuilder builder, GatewayProperties properties) {
		RouteLocatorBuilder.Builder routes = builder.routes();
		properties.services()
			.forEach((key, uri) -> routes.route(key, (route) -> route.path("/api/" + key, "/api/" + key + "/**")
				.metadata(Map.of(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, (int) properties.connectTimeout().toMillis(),
						RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, properties.responseTimeout().toMillis()))
				.uri(uri)));
		return routes.build();
	}

}
