package dev.nori.gateway.safety;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class SafetyConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(SafetyConfiguration.class);

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
