package dev.nori.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The settings a Nori service reads, from the configuration metadata of its own module,
 * of the Nori libraries it depends on and of every library on the class path, plus the
 * variables its configuration files name in placeholders. Tells whether an environment
 * variable, by Spring Boot's relaxed binding, sets one of them.
 */
final class ServiceSettings {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern NORI_DEPENDENCY = Pattern.compile(
			"<dependency>\\s*<groupId>dev\\.nori</groupId>\\s*<artifactId>([^<]+)</artifactId>(.*?)</dependency>",
			Pattern.DOTALL);

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");

	// read by Nori's environment post-processor and the JVM, not bound to a property
	private static final Set<String> CONVENTIONS = Set.of("LOG_LEVEL", "LOG_FORMAT", "LOG_FILE", "NORI_ENV_FILE",
			"JAVA_TOOL_OPTIONS");

	// every library's metadata, read once per test JVM
	private static ServiceSettings libraries;

	private final String service;

	private final Set<String> names = new HashSet<>();

	private final Set<String> lists = new HashSet<>();

	private final Map<String, String> maps = new HashMap<>();

	private final Set<String> placeholders = new HashSet<>();

	private ServiceSettings(String service) {
		this.service = service;
	}

	/**
	 * Reads what a service's module and its Nori libraries declare.
	 * @param root the checkout
	 * @param module the service's module
	 * @return its settings
	 */
	static ServiceSettings of(Path root, String module) {
		ServiceSettings settings = new ServiceSettings(module);
		for (String nori : modules(root, module)) {
			Path metadata = root.resolve(nori).resolve("target/classes/META-INF/spring-configuration-metadata.json");
			if (Files.exists(metadata)) {
				try (InputStream in = Files.newInputStream(metadata)) {
					settings.read(JSON.readTree(in));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
			for (String file : List.of("src/main/resources/application.yaml",
					"src/main/resources/META-INF/nori/defaults.properties")) {
				Path source = root.resolve(nori).resolve(file);
				if (Files.exists(source)) {
					Matcher placeholder = PLACEHOLDER.matcher(read(source));
					while (placeholder.find()) {
						settings.placeholders.add(placeholder.group(1));
					}
				}
			}
		}
		settings.readLibraries();
		return settings;
	}

	/**
	 * Tells why an environment variable sets nothing this service reads.
	 * @param variable the variable
	 * @return the reason, or empty when it sets a real setting
	 */
	Optional<String> unknown(String variable) {
		if (CONVENTIONS.contains(variable) || this.placeholders.contains(variable)) {
			return Optional.empty();
		}
		String candidate = variable.toLowerCase(Locale.ROOT).replace('_', '.');
		if (this.names.contains(candidate) || this.lists.contains(candidate.replaceFirst("\\.[0-9]+$", ""))) {
			return Optional.empty();
		}
		for (Map.Entry<String, String> map : this.maps.entrySet()) {
			if (candidate.startsWith(map.getKey() + ".")) {
				return entryProblem(variable, candidate.substring(map.getKey().length() + 1), map.getValue());
			}
		}
		return Optional.of(variable + " sets nothing " + this.service + " reads");
	}

	// a map of records: <key>.<component>; of anything else: just the key
	private Optional<String> entryProblem(String variable, String rest, String valueType) {
		Class<?> type = load(valueType);
		if (type == null || !type.isRecord()) {
			return Optional.empty();
		}
		int dot = rest.indexOf('.');
		String field = (dot > 0) ? rest.substring(dot + 1) : "";
		for (RecordComponent component : type.getRecordComponents()) {
			String name = component.getName().toLowerCase(Locale.ROOT);
			if (field.equals(name) || field.startsWith(name + ".")) {
				return Optional.empty();
			}
		}
		return Optional.of(variable + " names no field of " + type.getSimpleName() + " (" + this.service + ")");
	}

	private void read(JsonNode metadata) {
		for (JsonNode property : metadata.path("properties")) {
			String name = property.path("name").asString();
			String type = property.path("type").asString("");
			for (String form : forms(name)) {
				this.names.add(form);
				if (type.startsWith("java.util.List") || type.startsWith("java.util.Set") || type.endsWith("[]")) {
					this.lists.add(form);
				}
				if (type.startsWith("java.util.Map<")) {
					String value = type.substring(type.indexOf(',') + 1, type.length() - 1);
					this.maps.put(form, value);
				}
			}
		}
	}

	// Spring Boot's own settings, Spring Cloud's, …: every library's metadata but Nori's
	private void readLibraries() {
		synchronized (ServiceSettings.class) {
			if (libraries == null) {
				ServiceSettings read = new ServiceSettings("libraries");
				try {
					for (URL url : Collections.list(ServiceSettings.class.getClassLoader()
						.getResources("META-INF/spring-configuration-metadata.json"))) {
						try (InputStream in = url.openStream()) {
							JsonNode metadata = JSON.readTree(in);
							// Nori's own modules (jars or class folders, depending on the
							// build) are read per service, never as libraries
							if (!isNori(metadata)) {
								read.read(metadata);
							}
						}
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
				libraries = read;
			}
		}
		this.names.addAll(libraries.names);
		this.lists.addAll(libraries.lists);
		libraries.maps.forEach(this.maps::putIfAbsent);
	}

	private static boolean isNori(JsonNode metadata) {
		for (JsonNode property : metadata.path("properties")) {
			if (property.path("name").asString().startsWith("nori.")) {
				return true;
			}
		}
		return false;
	}

	// relaxed binding accepts the dashes of a name either dropped or as separators
	private static Set<String> forms(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return new HashSet<>(List.of(lower.replace("-", ""), lower.replace('-', '.')));
	}

	// the module and the Nori modules it depends on outside tests, transitively
	private static Set<String> modules(Path root, String module) {
		Set<String> modules = new LinkedHashSet<>();
		collect(root, module, modules);
		return modules;
	}

	private static void collect(Path root, String module, Set<String> modules) {
		if (!modules.add(module)) {
			return;
		}
		Matcher dependency = NORI_DEPENDENCY.matcher(read(root.resolve(module).resolve("pom.xml")));
		while (dependency.find()) {
			if (!dependency.group(2).contains("<scope>test</scope>")) {
				collect(root, dependency.group(1), modules);
			}
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Class<?> load(String name) {
		try {
			return Class.forName(name, false, ServiceSettings.class.getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			return null;
		}
	}

}
