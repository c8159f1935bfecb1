package dev.nori.gateway.safety;

import dev.nori.gateway.edge.EdgeFilter;
import dev.nori.gateway.routing.GatewayProperties;

import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * The gateway's browser-facing safety filters.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SafetyProperties.class)
class SafetyConfiguration {

	// named apart from Spring Cloud Gateway's own forwardedHeadersFilter, which adds the
	// headers for the services
	@Bean
	ForwardedHeadersFilter untrustedForwardingHeadersFilter(SafetyProperties properties) {
		return new ForwardedHeadersFilter(new TrustedProxies(properties.trustedProxies()));
	}

	@Bean
	SecurityHeadersFilter securityHeadersFilter(SafetyProperties properties, GatewayProperties routes) {
		return new SecurityHeadersFilter(properties, routes);
	}

	@Bean
	IdentityHeaderFilter identityHeaderFilter(SafetyProperties properties) {
		return new IdentityHeaderFilter(properties.identityHeaderPrefixes());
	}

	@Bean
	RequestBodyLimitFilter requestBodyLimitFilter(SafetyProperties properties) {
		return new RequestBodyLimitFilter(properties);
	}

	// preflights are answered here and never reach a service
	@Bean
	EdgeFilter corsFilter(SafetyProperties properties) {
		SafetyProperties.Cors cors = properties.cors();
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOrigins(List.copyOf(cors.allowedOrigins()));
		configuration.setAllowedMethods(cors.allowedMethods());
		configuration.setAllowedHeaders(cors.allowedHeaders());
		configuration.setExposedHeaders(cors.exposedHeaders());
		configuration.setAllowCredentials(cors.allowCredentials());
		configuration.setMaxAge(cors.maxAge());
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/**", configuration);
		return EdgeFilter.of(new CorsWebFilter(source), Ordered.HIGHEST_PRECEDENCE + 5);
	}

}
