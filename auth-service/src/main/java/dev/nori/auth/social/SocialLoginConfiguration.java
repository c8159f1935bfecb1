package dev.nori.auth.social;

import dev.nori.auth.session.SessionService;
import dev.nori.servicedefaults.audit.AuditLog;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Social login, when providers are configured: {@code GET /api/auth/social/<id>} starts
 * it, {@code /api/auth/social/<id>/callback} ends it. PKCE for every client, confidential
 * ones included. Without providers these addresses answer 404.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SocialProperties.class)
class SocialLoginConfiguration {

	static final String BASE = "/api/auth/social";

	@Bean
	SocialLoginHandlers socialLoginHandlers(SocialAccounts accounts, SessionService sessions, StringRedisTemplate redis,
			SocialProperties properties, AuditLog audit, JsonMapper json) {
		return new SocialLoginHandlers(accounts, sessions, redis, properties, audit, json);
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 10)
	SecurityFilterChain socialLoginFilterChain(HttpSecurity http,
			ObjectProvider<ClientRegistrationRepository> registrationsProvider, StringRedisTemplate redis,
			SocialProperties properties, SocialLoginHandlers handlers) throws Exception {
		http.securityMatcher(BASE + "/*", BASE + "/*/callback")
			.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.securityContext((context) -> context.requireExplicitSave(true))
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
		ClientRegistrationRepository registrations = registrationsProvider.getIfAvailable();
		if (registrations == null) {
			// no provider configured: these addresses are simply not found
			return http.build();
		}
		DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(
				registrations, BASE);
		resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
		http.oauth2Login((login) -> login
			.authorizationEndpoint((endpoint) -> endpoint.authorizationRequestResolver(resolver)
				.authorizationRequestRepository(new RedisAuthorizationRequests(redis, properties)))
			.redirectionEndpoint((endpoint) -> endpoint.baseUri(BASE + "/*/callback"))
			.successHandler(handlers)
			.failureHandler(handlers));
		return http.build();
	}

}
