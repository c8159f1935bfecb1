package dev.nori.servicedefaults.core.environment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Gives every Nori process the same environment conventions:
 * <ul>
 * <li>an optional {@code .env} file (or the file named by {@code NORI_ENV_FILE}) read
 * like real environment variables, which win over it;</li>
 * <li>Nori's logging variables: {@code LOG_LEVEL} (root level), {@code LOG_FORMAT}
 * ({@code json}, the default, or {@code text}) and {@code LOG_FILE} (also log to this
 * rotating file);</li>
 * <li>the defaults of every Nori library ({@code META-INF/nori/defaults.properties}),
 * below the application's own configuration.</li>
 * </ul>
 * Runs before logging is initialized, so the logging variables take effect from the first
 * line.
 */
public class NoriEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String DOTENV_SOURCE = "noriDotEnv";

	static final String LOGGING_SOURCE = "noriLogging";

	static final String DEFAULTS_SOURCE = "noriLibraryDefaults";

	private static final String JSON_FORMAT = "logstash";

	@Override
	public int getOrder() {
		// after config data, so application.yaml is in place and the defaults can go
		// below it
		return Ordered.HIGHEST_PRECEDENCE + 11;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		MutablePropertySources sources = environment.getPropertySources();
		String anchor = sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)
				? StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME : null;
		DotEnvFile.locate(environment.getProperty("NORI_ENV_FILE")).ifPresent((file) -> {
			SystemEnvironmentPropertySource dotEnv = new SystemEnvironmentPropertySource(DOTENV_SOURCE,
					new LinkedHashMap<>(file.read()));
			addAfter(sources, anchor, dotEnv);
		});
		addAfter(sources, anchor, new MapPropertySource(LOGGING_SOURCE, loggingProperties(environment)));
		sources.addLast(libraryDefaults());
	}

	static Map<String, Object> loggingProperties(ConfigurableEnvironment environment) {
		Map<String, Object> logging = new LinkedHashMap<>();
		String level = environment.getProperty("LOG_LEVEL");
		if (level != null && !level.isBlank()) {
			String normalized = level.trim().toUpperCase(Locale.ROOT);
			if (!normalized.matches("TRACE|DEBUG|INFO|WARN|ERROR|OFF")) {
				throw new IllegalStateException("LOG_LEVEL='" + level
						+ "' is not a log level: use one of TRACE, DEBUG, INFO, WARN, ERROR or OFF.");
			}
			logging.put("logging.level.root", normalized);
		}
		String format = environment.getProperty("LOG_FORMAT", "json").trim().toLowerCase(Locale.ROOT);
		if (!format.equals("json") && !format.equals("text")) {
			throw new IllegalStateException("LOG_FORMAT='" + format + "' is not a log format: use json or text.");
		}
		if (format.equals("json")) {
			logging.put("logging.structured.format.console", JSON_FORMAT);
		}
		String file = environment.getProperty("LOG_FILE");
		if (file != null && !file.isBlank()) {
			logging.put("logging.file.name", file.trim());
			if (format.equals("json")) {
				logging.put("logging.structured.format.file", JSON_FORMAT);
			}
		}
		return logging;
	}

	private static PropertiesPropertySource libraryDefaults() {
		Properties defaults = new Properties();
		try {
			Resource[] resources = new PathMatchingResourcePatternResolver()
				.getResources("classpath*:META-INF/nori/defaults.properties");
			for (Resource resource : resources) {
				try (var in = resource.getInputStream()) {
					Properties one = new Properties();
					one.load(in);
					one.forEach(defaults::putIfAbsent);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read Nori library defaults", ex);
		}
		return new PropertiesPropertySource(DEFAULTS_SOURCE, defaults);
	}

	private static void addAfter(MutablePropertySources sources, String anchor, PropertySource<?> source) {
		if (anchor != null) {
			sources.addAfter(anchor, source);
		}
		else {
			sources.addFirst(source);
		}
	}

	/**
	 * A {@code .env} file: {@code KEY=VALUE} lines, {@code #} comments, optional quotes
	 * and {@code export}.
	 */
	record DotEnvFile(Path path) {

		static Optional<DotEnvFile> locate(String configured) {
			Path path = Path.of((configured != null && !configured.isBlank()) ? configured : ".env");
			return Files.isRegularFile(path) ? Optional.of(new DotEnvFile(path)) : Optional.empty();
		}

		Map<String, String> read() {
			try {
				return parse(Files.readAllLines(this.path));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read " + this.path, ex);
			}
		}

		static Map<String, String> parse(Iterable<String> lines) {
			Map<String, String> values = new LinkedHashMap<>();
			int number = 0;
			for (String raw : lines) {
				number++;
				String line = raw.strip();
				if (line.isEmpty() || line.startsWith("#")) {
					continue;
				}
				if (line.startsWith("export ")) {
					line = line.substring("export ".length()).strip();
				}
				int equals = line.indexOf('=');
				if (equals <= 0) {
					throw new IllegalStateException(".env line " + number + " is not KEY=VALUE");
				}
				values.put(line.substring(0, equals).strip(), unquote(line.substring(equals + 1).strip()));
			}
			return values;
		}

		private static String unquote(String value) {
			if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
					&& value.charAt(value.length() - 1) == value.charAt(0)) {
				return value.substring(1, value.length() - 1);
			}
			return value;
		}

	}

}
