package dev.nori.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import dev.nori.launcher.NoriHome;
import dev.nori.launcher.Ports;

/**
 * A real Keycloak, started from its Maven distribution (unpacked by the module's build;
 * {@code nori.test.keycloak.home} names the folder) in development mode on a free
 * loopback port, with Nori's realm ({@code deploy/keycloak/nori-realm.json}, named by
 * {@code nori.test.keycloak.realm}) imported. One per test JVM, stopped when it exits.
 */
public final class TestKeycloak {

	/** The realm the tests use. */
	public static final String REALM = "nori";

	private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

	private static TestKeycloak instance;

	private final int port;

	private final Process process;

	private TestKeycloak(int port, Process process) {
		this.port = port;
		this.process = process;
	}

	/**
	 * Returns the running Keycloak, starting it on first use (about 15 s).
	 * @return the server
	 */
	public static synchronized TestKeycloak get() {
		if (instance == null) {
			instance = start();
			Runtime.getRuntime().addShutdownHook(new Thread(instance::stop));
		}
		return instance;
	}

	private static TestKeycloak start() {
		Path home = Path.of("target", "keycloak").toAbsolutePath();
		Path realm = NoriHome.locate().root().resolve("deploy/keycloak/nori-realm.json");
		try {
			Path distribution = unpacked(home);
			Path imports = distribution.resolve("data/import");
			Files.createDirectories(imports);
			Files.copy(realm, imports.resolve(realm.getFileName()), StandardCopyOption.REPLACE_EXISTING);
			int port = Ports.free();
			ProcessBuilder builder = new ProcessBuilder(distribution.resolve("bin/kc.sh").toString(), "start-dev",
					"--http-host=127.0.0.1", "--http-port=" + port, "--import-realm", "--cache=local",
					"--http-management-port=" + Ports.free());
			builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
			builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
			builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", UUID.randomUUID().toString());
			builder.redirectErrorStream(true);
			builder.redirectOutput(home.resolve("keycloak.log").toFile());
			TestKeycloak keycloak = new TestKeycloak(port, builder.start());
			keycloak.awaitRealm();
			return keycloak;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Keycloak could not be started from " + home, ex);
		}
	}

	private static Path unpacked(Path home) throws IOException {
		String repository = System.getProperty("nori.test.maven-repository");
		String release = System.getProperty("nori.test.keycloak.version");
		if (repository == null || release == null) {
			throw new IllegalStateException(
					"nori.test.maven-repository and nori.test.keycloak.version are not set: run the tests with Maven");
		}
		Path archive = Path.of(repository, "org", "keycloak", "keycloak-quarkus-dist", release,
				"keycloak-quarkus-dist-" + release + ".zip");
		if (!Files.isRegularFile(archive)) {
			throw new IllegalStateException("No Keycloak distribution at " + archive
					+ ": declare org.keycloak:keycloak-quarkus-dist (type zip, scope test) in the module");
		}
		String version = archive.getFileName().toString().replace(".zip", "");
		Path marker = home.resolve(version + ".unpacked");
		if (!Files.exists(marker)) {
			Files.createDirectories(home);
			try (ZipFile zip = new ZipFile(archive.toFile())) {
				for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
					Path target = home.resolve(entry.getName()).normalize();
					if (!target.startsWith(home)) {
						throw new IOException("Archive entry outside the target folder: " + entry.getName());
					}
					if (entry.isDirectory()) {
						Files.createDirectories(target);
						continue;
					}
					Files.createDirectories(target.getParent());
					try (var in = zip.getInputStream(entry)) {
						Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
					}
					if (target.getFileName().toString().endsWith(".sh")) {
						target.toFile().setExecutable(true);
					}
				}
			}
			Files.createFile(marker);
		}
		try (var dirs = Files.list(home)) {
			return dirs.filter((dir) -> Files.isExecutable(dir.resolve("bin/kc.sh")))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No Keycloak distribution under " + home));
		}
	}

	private void awaitRealm() {
		Instant deadline = Instant.now().plus(START_TIMEOUT);
		HttpClient client = HttpClient.newHttpClient();
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("Keycloak exited with " + this.process.exitValue()
						+ " while starting; see keycloak.log next to its distribution");
			}
			try {
				HttpResponse<Void> response = client.send(
						HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration")).build(),
						HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			sleep();
		}
		stop();
		throw new IllegalStateException("Keycloak did not serve realm " + REALM + " within " + START_TIMEOUT);
	}

	/**
	 * Returns the realm's issuer URL, the {@code iss} of its tokens.
	 * @return the issuer
	 */
	public String issuer() {
		return "http://127.0.0.1:" + this.port + "/realms/" + REALM;
	}

	/**
	 * Returns where the realm publishes its keys.
	 * @return the JWKS URL
	 */
	public String jwksUri() {
		return issuer() + "/protocol/openid-connect/certs";
	}

	/**
	 * Logs a user in with the password grant through the {@code nori-web} client.
	 * @param username the user
	 * @param password the password
	 * @return the token response: {@code access_token}, {@code id_token}, …
	 */
	public String passwordGrant(String username, String password) {
		Map<String, String> form = Map.of("grant_type", "password", "client_id", "nori-web", "username", username,
				"password", password, "scope", "openid");
		String body = form.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		HttpResponse<String> response = TestHttp
			.send(HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body)));
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Keycloak refused the password grant: " + response.body());
		}
		return response.body();
	}

	private void stop() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(500);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
