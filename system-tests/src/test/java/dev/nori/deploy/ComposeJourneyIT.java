package dev.nori.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.nori.launcher.NoriHome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code docker compose up} of compose.yaml as it is (images built from this checkout,
 * real PostgreSQL, Redis, Kafka, Meilisearch, MinIO, Mailpit, Keycloak, two job workers)
 * and one journey through the gateway: register, the verification mail in Mailpit,
 * verify, log in, publish an article as the first admin, find it through Meilisearch.
 * Needs a Docker engine with Compose; without one it is skipped, saying so.
 */
@Tag("docker")
@EnabledIf(value = "dockerAvailable",
		disabledReason = "needs a Docker engine with Compose, and none runs here; DeployFilesTest and "
				+ "KubernetesManifestsTest check the deployment files statically")
class ComposeJourneyIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final Map<String, String> ENVIRONMENT = secrets();

	private static ComposeContainer compose;

	static boolean dockerAvailable() {
		return DockerClientFactory.instance().isDockerAvailable();
	}

	@BeforeAll
	static void up() {
		Path root = NoriHome.locate().root();
		compose = new ComposeContainer("nori-journey", root.resolve("compose.yaml").toFile()).withBuild(true)
			.withEnv(ENVIRONMENT)
			.withScaledService("job-worker", 2)
			.withExposedService("gateway", 8080, Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(20)))
			.withExposedService("mailpit", 8025, Wait.forHealthcheck())
			.withRemoveVolumes(true)
			.withStartupTimeout(Duration.ofMinutes(25));
		compose.start();
	}

	@AfterAll
	static void down() {
		if (compose != null) {
			compose.stop();
		}
	}

	@Test
	void registerVerifyLogInAndFindAPublishedArticle() throws Exception {
		String email = "journey-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		String password = "compose-journey-" + UUID.randomUUID();
		assertThat(
				post("/api/auth/register", Map.of("email", email, "password", password, "displayName", "Journey"), null)
					.statusCode())
			.isEqualTo(201);

		// the verification mail reaches Mailpit over SMTP
		String[] token = new String[1];
		await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).until(() -> {
			JsonNode messages = JSON
				.readTree(mailpit("/api/v1/search?query=" + URLEncoder.encode("to:" + email, StandardCharsets.UTF_8)));
			for (JsonNode message : messages.path("messages")) {
				String text = JSON.readTree(mailpit("/api/v1/message/" + message.path("ID").asString()))
					.path("Text")
					.asString();
				Matcher link = Pattern.compile("/verify-email\\?token=([A-Za-z0-9%._~-]+)").matcher(text);
				if (link.find()) {
					token[0] = URLDecoder.decode(link.group(1), StandardCharsets.UTF_8);
					return true;
				}
			}
			return false;
		});
		assertThat(post("/api/auth/verify-email", Map.of("token", token[0]), null).statusCode()).isEqualTo(200);
		String user = login(email, password);
		HttpResponse<String> me = send(request("/api/auth/me", user).GET());
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.body()).contains(email);

		String admin = login(ENVIRONMENT.get("NORI_BOOTSTRAP_ADMIN_EMAIL"),
				ENVIRONMENT.get("NORI_BOOTSTRAP_ADMIN_PASSWORD"));
		String word = "compose" + HexFormat.of().formatHex(random(4)).replaceAll("[0-9]", "q");
		HttpResponse<String> created = post("/api/content/articles",
				Map.of("title", "Through compose " + word, "slug", word, "body", "Searchable " + word), admin);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String id = JSON.readTree(created.body()).path("id").asString();
		assertThat(post("/api/content/articles/" + id + "/publish", Map.of(), admin).statusCode()).isEqualTo(200);

		// Meilisearch, kept in sync from Kafka
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(send(request("/api/search?q=" + word, null).GET()).body()).contains(id));
	}

	private static String login(String email, String password) throws IOException, InterruptedException {
		HttpResponse<String> login = post("/api/auth/login", Map.of("email", email, "password", password), null);
		assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
		return JSON.readTree(login.body()).path("accessToken").asString();
	}

	private static HttpResponse<String> post(String path, Object body, String token)
			throws IOException, InterruptedException {
		return send(request(path, token).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
	}

	private static HttpRequest.Builder request(String path, String token) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://" + compose.getServiceHost("gateway", 8080) + ":"
					+ compose.getServicePort("gateway", 8080) + path))
			.timeout(Duration.ofSeconds(30));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return request;
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String mailpit(String path) throws IOException, InterruptedException {
		return HTTP
			.send(HttpRequest.newBuilder(URI.create("http://" + compose.getServiceHost("mailpit", 8025) + ":"
					+ compose.getServicePort("mailpit", 8025) + path))
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
	}

	private static byte[] random(int length) {
		byte[] bytes = new byte[length];
		new SecureRandom().nextBytes(bytes);
		return bytes;
	}

	// every value .env.example asks for, random (the prod profile refuses the examples)
	private static Map<String, String> secrets() {
		Map<String, String> values = new LinkedHashMap<>();
		try {
			for (String line : Files.readAllLines(NoriHome.locate().root().resolve(".env.example"))) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String name = line.substring(0, line.indexOf('='));
				String example = line.substring(line.indexOf('=') + 1);
				values.put(name, example.startsWith("change-me") ? HexFormat.of().formatHex(random(24)) : example);
			}
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		return values;
	}

}
