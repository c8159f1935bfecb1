package dev.nori.gateway.identity;

import dev.nori.servicedefaults.core.access.Routes;
import java.time.Clock;
import java.util.List;

import dev.nori.contracts.revocation.RevocationKeys;
import dev.nori.gateway.degraded.DegradedMode;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import org.slf4j.LoggerFactory;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Bearer-token checks: the trusted issuers and their keys, the revocation list, and the
 * filter that applies them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
class IdentityConfiguration {

	// a key set is a few kilobytes; anything much larger is not one
	private static final int MAX_JWKS_BYTES = 256 * 1024;

	@Bean
	AccessTokenVerifier accessTokenVerifier(IdentityProperties properties, ObjectProvider<Clock> clockProvider) {
		Clock clock = clockProvider.getIfAvailable(Clock::systemUTC);
		WebClient client = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create()
				.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.jwksTimeout().toMillis())
				.responseTimeout(properties.jwksTimeout())))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(MAX_JWKS_BYTES))
			.build();
		List<AccessTokenVerifier.TrustedIssuer> issuers = properties.issuers().entrySet().stream().map((entry) -> {
			IdentityProperties.Issuer issuer = entry.getValue();
			SigningKeys keys = new SigningKeys(client, issuer.jwksUri(), properties.jwksRefetchInterval(),
					properties.jwksMaxAge(), properties.jwksTimeout(), clock);
			String audience = (issuer.audience() != null) ? issuer.audience() : properties.audience();
			return new AccessTokenVerifier.TrustedIssuer(entry.getKey(), issuer.issuer(), audience,
					issuer.accessTokenHeaderType(), issuer.accessTokenClaimType(), keys);
		}).toList();
		return new AccessTokenVerifier(properties.algorithms(), issuers, properties.clockSkew(), clock);
	}

	@Bean
	AuthenticationFilter authenticationFilter(IdentityProperties properties, AccessTokenVerifier verifier,
			ReactiveStringRedisTemplate redis, MeterRegistry meters) {
		IdentityProperties.Revocation revocation = properties.revocation();
		RevocationList revocations = revocation.enabled() ? new RevocationList(redis,
				new RevocationKeys(revocation.keyPrefix()), revocation.timeout(), revocation.cacheFor()) : null;
		DegradedMode unchecked = new DegradedMode("nori.gateway.revocation.unavailable",
				"Authenticated requests let through without a revocation check because Redis could not be reached",
				LoggerFactory.getLogger(RevocationList.class),
				"Revocations are not checked: Redis cannot be reached ({}). Authenticated requests go through "
						+ "(nori.gateway.identity.revocation.when-unavailable=allow).",
				meters);
		IdentityProperties.ApiKeys keys = properties.apiKeys();
		ApiKeyExchange apiKeys = null;
		if (keys.enabled()) {
			apiKeys = new ApiKeyExchange(WebClient.builder()
				.clientConnector(new ReactorClientHttpConnector(HttpClient.create()
					.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) keys.timeout().toMillis())
					.responseTimeout(keys.timeout())))
				.build(), keys.exchangeUri(), keys.internalSecret(), keys.cacheFor(), keys.timeout());
		}
		else {
			LoggerFactory.getLogger(ApiKeyExchange.class)
				.warn("API keys are refused: set NORI_INTERNAL_SECRET (the same for the gateway and auth-service) "
						+ "to accept them");
		}
		return new AuthenticationFilter(Routes.parse(properties.protectedPaths()),
				Routes.parse(properties.publicRoutes()), verifier, revocations, revocation.whenUnavailable(), unchecked,
				apiKeys, keys.prefix());
	}

}
