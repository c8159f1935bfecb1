package dev.nori.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import dev.nori.launcher.Ports;

/**
 * A real S3-protocol server for tests: S3Mock's executable jar from the local Maven
 * repository (declare {@code com.adobe.testing:s3mock}, classifier {@code exec}, scope
 * test, in the module), started once per test JVM and stopped when it exits.
 */
public final class TestS3 {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private static TestS3 instance;

	private final int port;

	private final Process process;

	private TestS3(int port, Process process) {
		this.port = port;
		this.process = process;
	}

	/**
	 * Returns the running server, starting it on first use (a few seconds).
	 * @return the server
	 */
	public static synchronized TestS3 get() {
		if (instance == null) {
			instance = start();
			Runtime.getRuntime().addShutdownHook(new Thread(instance::stop));
		}
		return instance;
	}

	/**
	 * Returns the server's plain HTTP address.
	 * @return the endpoint for an S3 client
	 */
	public String endpoint() {
		return "http://127.0.0.1:" + this.port;
	}

	private static TestS3 start() {
		String repository = System.getProperty("nori.test.maven-repository");
		String version = System.getProperty("nori.test.s3mock.version");
		if (repository == null || version == null) {
			throw new IllegalStateException(
					"nori.test.maven-repository and nori.test.s3mock.version are not set: run the tests with Maven");
		}
		Path jar = Path.of(repository, "com", "adobe", "testing", "s3mock", version, "s3mock-" + version + "-exec.jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("No S3Mock at " + jar
					+ ": declare com.adobe.testing:s3mock (classifier exec, scope test) in the module");
		}
		try {
			Path home = Files.createDirectories(Path.of("target", "s3mock").toAbsolutePath());
			int port = Ports.free();
			ProcessBuilder builder = new ProcessBuilder(
					Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar",
					jar.toString(), "--server.port=" + Ports.free(), "--com.adobe.testing.s3mock.httpPort=" + port,
					"--com.adobe.testing.s3mock.store.root=" + Files.createTempDirectory(home, "store"),
					"--spring.main.banner-mode=off");
			builder.redirectErrorStream(true);
			builder.redirectOutput(home.resolve("s3mock.log").toFile());
			TestS3 server = new TestS3(port, builder.start());
			server.awaitPort();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("S3Mock could not be started from " + jar, ex);
		}
	}

	private void awaitPort() {
		Instant deadline = Instant.now().plus(START_TIMEOUT);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("S3Mock exited with " + this.process.exitValue()
						+ " while starting; see target/s3mock/s3mock.log");
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
				return;
			}
			catch (IOException ex) {
				try {
					Thread.sleep(200);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(interrupted);
				}
			}
		}
		stop();
		throw new IllegalStateException("S3Mock did not listen within " + START_TIMEOUT);
	}

	private void stop() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
