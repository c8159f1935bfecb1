package dev.nori.gateway.safety;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.nori.gateway.routing.GatewayProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class SafetyConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(SafetyConfiguration.class)
		.withBean(GatewayProperties.class,
				() -> new GatewayProperties(Map.of("jobs", URI.create("http://127.0.0.1:1")), Duration.ofSeconds(2),
						Duration.ofSeconds(30), 2,
						new GatewayProperties.Breaker(50, 20, 10, Duration.ofSeconds(15), 3, 1000), List.of("jobs"),
						null, null, URI.create("http://localhost:8080")));

	@Test
	void aWildcardOriginWithCredentialsIsRefusedNamingTheProperty() {
		this.runner.withPropertyValues("nori.gateway.safety.cors.allowed-origins=*").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure())).contains("nori.gateway.safety.cors")
				.contains("must list explicit origins");
		});
	}

	@Test
	void aWildcardOriginWithoutCredentialsIsAllowed() {
		this.runner
			.withPropertyValues("nori.gateway.safety.cors.allowed-origins=*",
					"nori.gateway.safety.cors.allow-credentials=false")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void aTrustedProxyThatIsNotAnAddressIsRefused() {
		this.runner.withPropertyValues("nori.gateway.safety.trusted-proxies=proxy.example.com").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure())).contains("nori.gateway.safety.trusted-proxies");
		});
	}

	private static String messages(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

}
