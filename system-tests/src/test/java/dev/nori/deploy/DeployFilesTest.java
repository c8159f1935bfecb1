package dev.nori.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.nori.launcher.NoriHome;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Static checks of what only a Docker engine runs: compose.yaml against the Compose
 * specification's JSON Schema and Nori's own rules (pinned images, health checks behind
 * every healthy-dependency, only the gateway and the UIs published, every variable in
 * .env.example), and the service image's Dockerfile (pinned bases, a non-root user, a
 * health check, no secrets).
 */
class DeployFilesTest {

	private static final Path ROOT = NoriHome.locate().root();

	// the services built from deploy/docker/Dockerfile, whose image has a HEALTHCHECK
	private static final Pattern NORI_IMAGE = Pattern.compile("nori/[a-z-]+:[0-9][0-9.]*");

	private static final Set<String> PUBLISHED = Set.of("gateway", "otel-lgtm", "mailpit", "minio", "keycloak");

	@Test
	void composeFollowsTheComposeSpecification() throws IOException {
		// its $id is relative: it gets an absolute one (never fetched; every
		// $ref is internal)
		JsonMapper json = JsonMapper.builder().build();
		ObjectNode document = (ObjectNode) json.readTree(ROOT.resolve("deploy/schemas/compose-spec.json").toFile());
		String id = "https://nori.dev/schemas/compose-spec.json";
		document.put("$id", id);
		Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
			.getSchema(SchemaLocation.of(id), document);
		List<Error> errors = schema.validate(json.valueToTree(compose()));
		assertThat(errors).extracting(Error::toString).isEmpty();
		// the schema does refuse what Compose refuses
		assertThat(schema.validate(json.readTree("{\"services\":{\"x\":{\"imagee\":\"a\",\"ports\":7}}}")))
			.hasSizeGreaterThanOrEqualTo(2);
	}

	@Test
	void everyImageIsPinnedEveryDependencyHealthyAndOnlyTheEntryPointsPublished() throws IOException {
		Map<String, Object> services = map(compose().get("services"));
		List<String> problems = new ArrayList<>();
		services.forEach((name, definition) -> {
			Map<String, Object> service = map(definition);
			String image = (String) service.get("image");
			if (image == null || !image.contains(":") || image.endsWith(":latest")
					|| !image.substring(image.lastIndexOf(':') + 1).matches(".*[0-9].*")) {
				problems.add(name + ": image '" + image + "' is not pinned to a version");
			}
			if (service.containsKey("ports") && !PUBLISHED.contains(name)) {
				problems.add(name + ": publishes ports; only " + PUBLISHED + " may");
			}
			if (service.containsKey("ports") && !name.equals("gateway")) {
				for (Object port : (List<?>) service.get("ports")) {
					if (!String.valueOf(port).startsWith("127.0.0.1:")) {
						problems.add(name + ": the UI port " + port + " must be bound to 127.0.0.1");
					}
				}
			}
			if (!service.containsKey("healthcheck") && !NORI_IMAGE.matcher(String.valueOf(image)).matches()) {
				problems.add(name + ": no health check");
			}
			if (service.get("depends_on") instanceof Map<?, ?> dependencies) {
				dependencies.forEach((dependency, condition) -> {
					if (!services.containsKey(String.valueOf(dependency))) {
						problems.add(name + ": depends on the unknown service " + dependency);
					}
					else if (!"service_healthy".equals(map(condition).get("condition"))) {
						problems.add(name + ": waits for " + dependency + " without condition: service_healthy");
					}
				});
			}
		});
		assertThat(problems).isEmpty();
		assertThat(map(compose().get("volumes"))).containsKeys("postgres-data", "kafka-data", "minio-data");
		// workers scale on their own: nothing pins their name or port
		Map<String, Object> worker = map(services.get("job-worker"));
		assertThat(worker).doesNotContainKeys("container_name", "ports");
		assertThat(map(worker.get("environment"))).containsEntry("NORI_JOBS_ROLES", "worker");
	}

	@Test
	void everyVariableComposeReadsIsInTheExampleEnvironmentFile() throws IOException {
		String compose = Files.readString(ROOT.resolve("compose.yaml"));
		Set<String> used = new LinkedHashSet<>();
		Matcher variable = Pattern.compile("\\$\\{([A-Z0-9_]+)").matcher(compose);
		while (variable.find()) {
			used.add(variable.group(1));
		}
		Set<String> documented = new LinkedHashSet<>();
		for (String line : Files.readAllLines(ROOT.resolve(".env.example"))) {
			if (!line.isBlank() && !line.startsWith("#")) {
				documented.add(line.substring(0, line.indexOf('=')));
			}
		}
		assertThat(used).isNotEmpty();
		assertThat(documented).containsAll(used);
		assertThat(Files.readString(ROOT.resolve(".gitignore"))).contains(".env");
	}

	@Test
	void everyVariableAServiceIsGivenSetsASettingThatServiceReads() throws IOException {
		List<String> problems = new ArrayList<>();
		Map<String, Object> services = map(compose().get("services"));
		int checked = 0;
		for (Map.Entry<String, Object> entry : services.entrySet()) {
			Map<String, Object> service = map(entry.getValue());
			String image = String.valueOf(service.get("image"));
			if (!image.startsWith("nori/")) {
				continue;
			}
			String module = image.substring("nori/".length(), image.indexOf(':'));
			ServiceSettings settings = ServiceSettings.of(ROOT, module);
			Set<String> variables = new LinkedHashSet<>(map(service.get("environment")).keySet());
			if (service.get("env_file") != null) {
				for (String line : Files.readAllLines(ROOT.resolve(String.valueOf(service.get("env_file"))))) {
					if (!line.isBlank() && !line.startsWith("#")) {
						variables.add(line.substring(0, line.indexOf('=')));
					}
				}
			}
			for (String variable : variables) {
				settings.unknown(variable).ifPresent((problem) -> problems.add(entry.getKey() + ": " + problem));
				checked++;
			}
		}
		assertThat(checked).isGreaterThan(50);
		assertThat(problems).isEmpty();
	}

	@Test
	void theSettingsCheckKnowsRelaxedNamesAndRefusesTyposAndOtherServicesSettings() {
		ServiceSettings gateway = ServiceSettings.of(ROOT, "gateway");
		assertThat(gateway.unknown("NORI_GATEWAY_RATELIMIT_BACKEND")).isEmpty();
		assertThat(gateway.unknown("SPRING_KAFKA_BOOTSTRAP_SERVERS")).as("dashes as underscores").isEmpty();
		assertThat(gateway.unknown("NORI_GATEWAY_IDENTITY_ISSUERS_KEYCLOAK_AUDIENCE")).isEmpty();
		assertThat(gateway.unknown("NORI_GATEWAY_SERVICES_CONTENT")).isEmpty();
		assertThat(gateway.unknown("NORI_GATEWAY_IDENTITY_PUBLICROUTES_0")).isEmpty();
		assertThat(gateway.unknown("NORI_GATEWAY_RATELIMIT_BACKEN")).isPresent();
		assertThat(gateway.unknown("NORI_GATEWAY_IDENTITY_ISSUERS_KEYCLOAK_AUDIENCES")).isPresent();
		assertThat(gateway.unknown("NORI_JOBS_WORKER_QUEUES")).as("job-service's").isPresent();
	}

	@Test
	void theServiceImageRunsAsAnUnprivilegedUserFromPinnedBasesWithAHealthCheck() throws IOException {
		List<String> lines = Files.readAllLines(ROOT.resolve("deploy/docker/Dockerfile"));
		List<String> froms = lines.stream().filter((line) -> line.startsWith("FROM ")).toList();
		assertThat(froms).hasSize(2);
		for (String from : froms) {
			String image = from.split("\\s+")[1];
			assertThat(image).as(from).contains(":").doesNotEndWith(":latest").matches(".*:[^:]*[0-9].*");
		}
		int runtime = lines.indexOf(froms.get(1));
		List<String> finalStage = lines.subList(runtime, lines.size());
		assertThat(finalStage).anyMatch((line) -> line.matches("USER (?!root\\b|0\\b)\\S+"));
		assertThat(finalStage).anyMatch((line) -> line.startsWith("HEALTHCHECK "));
		assertThat(finalStage).noneMatch((line) -> line.matches("(?i).*\\b(apt-get|mvn|maven)\\b.*"));
		assertThat(lines).noneMatch((line) -> line.matches("(?i)(ENV|ARG)\\s+\\S*(PASSWORD|SECRET|TOKEN|KEY)\\S*=.*"));
		assertThat(Files.readString(ROOT.resolve(".dockerignore"))).contains("**/target/").contains(".env");
	}

	private static Map<String, Object> compose() throws IOException {
		try (InputStream in = Files.newInputStream(ROOT.resolve("compose.yaml"))) {
			return new Yaml().load(in);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (value instanceof Map<?, ?>) ? (Map<String, Object>) value : Map.of();
	}

}
