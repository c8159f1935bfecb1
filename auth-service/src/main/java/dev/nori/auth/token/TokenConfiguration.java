package dev.nori.auth.token;

import java.time.Clock;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.nori.servicedefaults.security.ResourceServerConfiguration;
import dev.nori.servicedefaults.security.ResourceServerProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenProperties.class)
@EnableScheduling
class TokenConfiguration {

	@Bean
	SigningKeys signingKeys(JdbcClient jdbc, PlatformTransactionManager transactions, TokenProperties properties,
			Clock clock) {
		SigningKeys keys = new SigningKeys(jdbc, new TransactionTemplate(transactions), properties, clock);
		keys.rotate();
		return keys;
	}

	@Bean
	AccessTokenIssuer accessTokenIssuer(SigningKeys keys, TokenProperties properties, Clock clock) {
		return new AccessTokenIssuer(keys, properties, clock);
	}

	// auth-service verifies its own tokens with the keys it holds, not over HTTP
	@Bean
	JwtDecoder jwtDecoder(SigningKeys keys, ResourceServerProperties properties, Clock clock) {
		JWKSource<SecurityContext> source = (selector, context) -> selector.select(keys.published());
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, source));
		// the type is checked by the validator below, as in every other service
		processor.setJWSTypeVerifier((type, context) -> {
		});
		NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
		decoder.setJwtValidator(ResourceServerConfiguration.tokenValidator(properties, clock));
		return decoder;
	}

}
