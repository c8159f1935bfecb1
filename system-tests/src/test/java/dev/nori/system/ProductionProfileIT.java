package dev.nori.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.nori.launcher.NoriHome;
import dev.nori.launcher.ServiceSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every service, started from its executable jar with the {@code prod} profile and the
 * embedded defaults (plus a memory backend or an example secret where the service has
 * one), stops before it connects to anything and names every problem.
 */
class ProductionProfileIT {

	// what each service is started with beyond the defaults, and what it must name
	private static final Map<String, Map<String, String>> SETTINGS = Map.of("gateway",
			Map.of("NORI_GATEWAY_RATELIMIT_BACKEND", "memory"), "auth-service",
			Map.of("NORI_BOOTSTRAP_ADMIN_PASSWORD", "change-me-admin-password-long-enough"), "content-service",
			Map.of("NORI_CONTENT_CACHE_STORE", "memory"));

	private static final Map<String, List<String>> PROBLEMS = Map.of("gateway",
			List.of("NORI_INTERNAL_SECRET", "nori.gateway.rate-limit.backend) is memory"), "auth-service",
			List.of("NORI_INTERNAL_SECRET (nori.internal.secret) is not set", "NORI_BOOTSTRAP_ADMIN_PASSWORD"),
			"content-service",
			List.of("NORI_INTERNAL_SECRET (nori.internal.secret) is not set",
					"NORI_CURSOR_SECRET (nori.content.pagination.cursor-secret) is not set",
					"nori.content.cache.store) is memory"),
			"job-service", List.of("NORI_INTERNAL_SECRET (nori.internal.secret) is not set"), "notification-service",
			List.of("NORI_INTERNAL_SECRET (nori.internal.secret) is not set", "nori.notifications.mail.driver) is log"),
			"search-service", List.of("NORI_INTERNAL_SECRET (nori.internal.secret) is not set"));

	@Test
	void everyServiceRefusesToStartInProductionWithDevelopmentSettingsNamingEachProblem() throws Exception {
		NoriHome home = NoriHome.locate();
		Path work = Files.createDirectories(Path.of("target", "prod-profile").toAbsolutePath());
		Map<String, Process> started = new LinkedHashMap<>();
		Map<String, Path> outputs = new LinkedHashMap<>();
		for (ServiceSpec service : ServiceSpec.ALL) {
			Path output = work.resolve(service.name() + ".log");
			ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-jar",
					service.executableJar(home).toString())
				.directory(work.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile());
			Map<String, String> environment = builder.environment();
			// nothing from the machine's own Nori or Spring settings, no .env file
			environment.keySet().removeIf((name) -> name.startsWith("NORI_") || name.startsWith("SPRING_"));
			environment.put("NORI_ENV_FILE", work.resolve("no-such.env").toString());
			environment.put("SPRING_PROFILES_ACTIVE", "prod");
			environment.putAll(SETTINGS.getOrDefault(service.name(), Map.of()));
			started.put(service.name(), builder.start());
			outputs.put(service.name(), output);
		}
		List<String> failures = new ArrayList<>();
		for (Map.Entry<String, Process> entry : started.entrySet()) {
			Process process = entry.getValue();
			if (!process.waitFor(90, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				failures.add(entry.getKey() + " did not stop");
				continue;
			}
			String log = read(outputs.get(entry.getKey()));
			if (process.exitValue() == 0) {
				failures.add(entry.getKey() + " exited with 0");
			}
			for (String problem : PROBLEMS.get(entry.getKey())) {
				if (!log.contains(problem)) {
					failures.add(entry.getKey() + " did not name: " + problem + "\n" + log);
				}
			}
			// refused before the first bean: nothing was migrated or connected
			if (log.contains("Flyway") || log.contains("Tomcat started") || log.contains("Netty started")) {
				failures.add(entry.getKey() + " started something before refusing:\n" + log);
			}
			if (log.contains("\tat ")) {
				failures.add(entry.getKey() + " printed a stack trace instead of the problems:\n" + log);
			}
		}
		assertThat(failures).isEmpty();
	}

	private static String read(Path output) throws IOException {
		return Files.readString(output, StandardCharsets.UTF_8);
	}

	private static String javaExecutable() {
		return ProcessHandle.current().info().command().orElse("java");
	}

}
