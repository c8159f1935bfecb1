package dev.nori.servicedefaults;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Bad configuration stops the service at start with a message naming the property.
 */
class ServiceConfigurationIT {

	@Test
	void invalidPropertyIsNamedAtStart() {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(ProbeApplication.class)
				.run("--nori.service.api-base=not-a-path", "--server.port=0", "--management.server.port=0",
						"--spring.kafka.bootstrap-servers=127.0.0.1:1")
				.close())
			.satisfies((ex) -> org.assertj.core.api.Assertions.assertThat(allMessages(ex))
				.contains("nori.service")
				.contains("apiBase")
				.contains("must look like /api/<name>"));
	}

	private static String allMessages(Throwable ex) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

}
