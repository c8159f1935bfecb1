package dev.nori.gateway.identity;

import dev.nori.servicedefaults.core.access.Routes;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class IdentityConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withBean(ReactiveStringRedisTemplate.class,
				() -> new ReactiveStringRedisTemplate(
						(ReactiveRedisConnectionFactory) new LettuceConnectionFactory("127.0.0.1", 6379)))
		.withUserConfiguration(IdentityConfiguration.class)
		.withPropertyValues("nori.gateway.identity.issuers.test.issuer=https://issuer.test",
				"nori.gateway.identity.issuers.test.jwks-uri=http://127.0.0.1:1/jwks",
				"nori.gateway.identity.issuers.test.access-token-header-type=at+jwt");

	@Test
	void startsWithAnAsymmetricAllowlist() {
		this.runner.withPropertyValues("nori.gateway.identity.algorithms=RS256,ES256")
			.run((context) -> assertThat(context).hasSingleBean(AuthenticationFilter.class));
	}

	@Test
	void refusesHmacAndNoneInTheAllowlist() {
		for (String algorithm : List.of("HS256", "none")) {
			this.runner.withPropertyValues("nori.gateway.identity.algorithms=RS256," + algorithm).run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("is not allowed");
			});
		}
	}

	@Test
	void refusesMoreThanThirtySecondsOfSkew() {
		this.runner.withPropertyValues("nori.gateway.identity.clock-skew=31s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("clock-skew");
		});
	}

	@Test
	void refusesAnIssuerWhoseTokenTypeIsNotChecked() {
		this.runner.withPropertyValues("nori.gateway.identity.issuers.test.access-token-header-type=")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("ID tokens pass");
			});
	}

	@Test
	void routesMatchMethodAndPattern() {
		Routes routes = Routes.parse(List.of("POST /api/auth/login", "GET,HEAD /api/search/**", "/api/auth/jwks"));
		assertThat(routes.matches(HttpMethod.POST, PathContainer.parsePath("/api/auth/login"))).isTrue();
		assertThat(routes.matches(HttpMethod.GET, PathContainer.parsePath("/api/auth/login"))).isFalse();
		assertThat(routes.matches(HttpMethod.HEAD, PathContainer.parsePath("/api/search/a/b"))).isTrue();
		assertThat(routes.matches(HttpMethod.DELETE, PathContainer.parsePath("/api/search/a"))).isFalse();
		assertThat(routes.matches(HttpMethod.PUT, PathContainer.parsePath("/api/auth/jwks"))).isTrue();
	}

	@Test
	void routesRefuseDeclarationsTheyCannotRead() {
		assertThatIllegalArgumentException().isThrownBy(() -> Routes.parse(List.of("GTE /api/x")))
			.withMessageContaining("unknown method");
		assertThatIllegalArgumentException().isThrownBy(() -> Routes.parse(List.of("GET api/x")))
			.withMessageContaining("is not");
	}

}
