package dev.nori.servicedefaults.core.environment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class NoriEnvironmentPostProcessorTest {

	private final NoriEnvironmentPostProcessor processor = new NoriEnvironmentPostProcessor();

	@Test
	void mapsNoriLoggingVariables() {
		StandardEnvironment environment = environmentWith(
				Map.of("LOG_LEVEL", "debug", "LOG_FORMAT", "json", "LOG_FILE", "var/log/x.log"));
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("logging.level.root")).isEqualTo("DEBUG");
		assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("logstash");
		assertThat(environment.getProperty("logging.file.name")).isEqualTo("var/log/x.log");
		assertThat(environment.getProperty("logging.structured.format.file")).isEqualTo("logstash");
	}

	@Test
	void textFormatKeepsThePlainPattern() {
		StandardEnvironment environment = environmentWith(Map.of("LOG_FORMAT", "text"));
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("logging.structured.format.console")).isNull();
	}

	@Test
	void badLoggingVariablesNameTheVariable() {
		assertThatIllegalStateException()
			.isThrownBy(() -> this.processor.postProcessEnvironment(environmentWith(Map.of("LOG_LEVEL", "loud")),
					new SpringApplication()))
			.withMessageContaining("LOG_LEVEL");
		assertThatIllegalStateException()
			.isThrownBy(() -> this.processor.postProcessEnvironment(environmentWith(Map.of("LOG_FORMAT", "xml")),
					new SpringApplication()))
			.withMessageContaining("LOG_FORMAT");
	}

	@Test
	void dotEnvFileIsReadLikeEnvironmentButRealEnvironmentWins(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("nori.env");
		Files.writeString(file, """
				# comment
				export NORI_JOBS_WORKER_THREADS=4
				SERVER_PORT="9999"
				SPRING_APPLICATION_NAME=from-dotenv
				""");
		StandardEnvironment environment = environmentWith(
				Map.of("NORI_ENV_FILE", file.toString(), "SPRING_APPLICATION_NAME", "from-env"));
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("nori.jobs.worker-threads")).isEqualTo("4");
		assertThat(environment.getProperty("server.port")).isEqualTo("9999");
		assertThat(environment.getProperty("spring.application.name")).isEqualTo("from-env");
	}

	@Test
	void malformedDotEnvLineIsReportedByNumber() {
		assertThatIllegalStateException()
			.isThrownBy(() -> NoriEnvironmentPostProcessor.DotEnvFile.parse(List.of("A=1", "oops")))
			.withMessageContaining("line 2");
	}

	@Test
	void libraryDefaultsSitBelowEverythingElse() {
		StandardEnvironment environment = environmentWith(Map.of());
		environment.getPropertySources()
			.addLast(new MapPropertySource("application.yaml",
					Map.of("management.endpoints.web.exposure.include", "health")));
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("management.endpoints.web.exposure.include")).isEqualTo("health");
		assertThat(environment.getProperty("management.endpoint.health.probes.enabled")).isEqualTo("true");
	}

	private static StandardEnvironment environmentWith(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		return environment;
	}

}
