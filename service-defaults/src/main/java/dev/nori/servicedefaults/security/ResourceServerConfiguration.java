package dev.nori.servicedefaults.security;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

import dev.nori.contracts.identity.PermissionKeys;
import dev.nori.servicedefaults.config.ServiceProperties;
import dev.nori.servicedefaults.core.access.Routes;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Makes a servlet service an OAuth2 resource server with Nori's rules: stateless, every
 * request needs a valid bearer token except the configured public routes, the service's
 * info and OpenAPI document and the actuator (which lives on the management port);
 * permissions as authorities; {@code @PreAuthorize} enabled.
 */
@AutoConfiguration(afterName = "dev.nori.servicedefaults.config.ServiceDefaultsAutoConfiguration",
		beforeName = "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ResourceServerProperties.class)
@EnableMethodSecurity
public final class ResourceServerConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JwtDecoder jwtDecoder(ResourceServerProperties properties, Clock clock) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwksUri())
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.build();
		OAuth2TokenValidator<Jwt> validator = tokenValidator(properties, clock);
		decoder.setJwtValidator(validator);
		return new CachingJwtDecoder(decoder, validator, Duration.ofMinutes(1), 10_000);
	}

	/**
	 * The checks a token's claims and type must pass, shared with decoders that find
	 * their keys elsewhere (auth-service signs the tokens itself).
	 * @param properties the expected issuer, audience, type and skew
	 * @param clock the time the validity window is checked against
	 * @return the validator
	 */
	public static OAuth2TokenValidator<Jwt> tokenValidator(ResourceServerProperties properties, Clock clock) {
		return claimsValidator(properties.issuer(), properties.audience(), new JwtTypeValidator(properties.tokenType()),
				properties, clock);
	}

	// issuer, audience, subject and validity window, plus how the issuer
	// marks access tokens
	private static OAuth2TokenValidator<Jwt> claimsValidator(String issuer, String audience,
			OAuth2TokenValidator<Jwt> accessTokenType, ResourceServerProperties properties, Clock clock) {
		JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
		timestamps.setClock(clock);
		return new DelegatingOAuth2TokenValidator<>(List.of(timestamps, new JwtIssuerValidator(issuer), accessTokenType,
				new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
						(audiences) -> audiences != null && audiences.contains(audience)),
				new JwtClaimValidator<Object>(JwtClaimNames.SUB, (subject) -> subject != null)));
	}

	/**
	 * Chooses the checks for a token by its {@code iss}: auth-service's own, or one of
	 * the federated issuers'; a token of any other issuer is refused.
	 */
	private static JwtIssuerAuthenticationManagerResolver trustedIssuers(ResourceServerProperties properties,
			JwtDecoder decoder, PermissionAuthorities authorities, Clock clock) {
		Map<String, AuthenticationManager> managers = new HashMap<>();
		managers.put(properties.issuer(), manager(decoder, authorities));
		properties.federatedIssuers().values().forEach((issuer) -> {
			NimbusJwtDecoder federated = NimbusJwtDecoder.withJwkSetUri(issuer.jwksUri())
				.jwsAlgorithm(SignatureAlgorithm.RS256)
				.build();
			federated.setJwtValidator(claimsValidator(issuer.issuer(), issuer.audience(),
					new JwtClaimValidator<Object>("typ", issuer.tokenClaimType()::equals), properties, clock));
			managers.put(issuer.issuer(), manager(federated, new FederatedAuthorities(issuer)));
		});
		return new JwtIssuerAuthenticationManagerResolver(managers::get);
	}

	private static AuthenticationManager manager(JwtDecoder decoder,
			org.springframework.core.convert.converter.Converter<Jwt, ? extends org.springframework.security.authentication.AbstractAuthenticationToken> converter) {
		JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
		provider.setJwtAuthenticationConverter(converter);
		return provider::authenticate;
	}

	@Bean
	@ConditionalOnMissingBean
	CurrentPermissions currentPermissions(StringRedisTemplate redis, ResourceServerProperties properties) {
		return new CurrentPermissions(redis, new PermissionKeys(properties.permissionKeyPrefix()),
				properties.permissionsCacheFor());
	}

	@Bean
	PermissionAuthorities permissionAuthorities(CurrentPermissions current) {
		return new PermissionAuthorities(current);
	}

	@Bean
	ProblemSecurityHandlers problemSecurityHandlers(JsonMapper json) {
		return new ProblemSecurityHandlers(json);
	}

	// last: a service may put chains of its own for particular paths before it
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE - 10)
	SecurityFilterChain resourceServerFilterChain(HttpSecurity http, ResourceServerProperties properties,
			ServiceProperties service, JwtDecoder decoder, PermissionAuthorities authorities,
			ProblemSecurityHandlers problems, Clock clock) throws Exception {
		JwtIssuerAuthenticationManagerResolver issuers = trustedIssuers(properties, decoder, authorities, clock);
		List<String> open = new ArrayList<>(properties.publicRoutes());
		open.add("GET,HEAD " + service.apiBase() + "/info");
		open.add("GET,HEAD " + service.apiBase() + "/openapi.json");
		open.add("/actuator/**");
		open.add("/error");
		Routes publicRoutes = Routes.parse(open);
		RequestMatcher isPublic = (request) -> publicRoutes.matches(HttpMethod.valueOf(request.getMethod()),
				PathContainer.parsePath(request.getRequestURI()));
		http.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.anonymous((anonymous) -> {
			})
			.authorizeHttpRequests(
					(requests) -> requests.requestMatchers(isPublic).permitAll().anyRequest().authenticated())
			.oauth2ResourceServer((server) -> server.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems)
				.authenticationManagerResolver(issuers))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
		return http.build();
	}

}
