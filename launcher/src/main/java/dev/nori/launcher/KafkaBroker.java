package dev.nori.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A single-node Kafka broker (KRaft, broker and controller in one) run as its own process
 * from the {@code kafka-broker} module's class path, with its data in a folder of its
 * own.
 */
public final class KafkaBroker {

	private final NoriHome home;

	private final Path dataDirectory;

	private final Path runDirectory;

	private final Path logFile;

	private final int port;

	private final int controllerPort;

	private ManagedProcess process;

	/**
	 * Describes a broker; nothing starts until {@link #start()}.
	 * @param home the checkout, for the broker's class path
	 * @param dataDirectory where the broker keeps its log segments and configuration
	 * @param runDirectory where its pid file goes
	 * @param logFile where its output goes
	 * @param port the client port
	 * @param controllerPort the controller port
	 */
	public KafkaBroker(NoriHome home, Path dataDirectory, Path runDirectory, Path logFile, int port,
			int controllerPort) {
		this.home = home;
		this.dataDirectory = dataDirectory;
		this.runDirectory = runDirectory;
		this.logFile = logFile;
		this.port = port;
		this.controllerPort = controllerPort;
	}

	/**
	 * Returns the bootstrap servers clients connect to.
	 * @return {@code 127.0.0.1:<port>}
	 */
	public String bootstrapServers() {
		return "127.0.0.1:" + this.port;
	}

	/**
	 * Returns the client port.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Formats the data folder on first use, starts the broker and waits until it accepts
	 * connections.
	 * @return this broker
	 */
	public KafkaBroker start() {
		requireLibraries();
		requireFree(this.port);
		requireFree(this.controllerPort);
		Path config = writeConfiguration();
		if (!Files.exists(this.dataDirectory.resolve("logs/meta.properties"))) {
			format(config);
		}
		this.process = ManagedProcess.start("kafka", java(List.of("kafka.Kafka", config.toString())), Map.of(),
				this.dataDirectory, this.runDirectory, this.logFile);
		waitUntilListening(Duration.ofSeconds(60));
		return this;
	}

	/**
	 * Stops the broker gracefully (SIGTERM), keeping its data for a restart.
	 */
	public void stop() {
		if (this.process != null) {
			this.process.stop(Duration.ofSeconds(30));
			this.process = null;
		}
	}

	/**
	 * Kills the broker at once (SIGKILL), as a crash would; its data stays.
	 */
	public void kill() {
		if (this.process != null) {
			this.process.kill();
			this.process = null;
		}
	}

	/**
	 * Returns the running process, if started.
	 * @return the process or {@code null}
	 */
	public ManagedProcess process() {
		return this.process;
	}

	private void format(Path config) {
		String clusterId = clusterId();
		ProcessBuilder builder = new ProcessBuilder(
				java(List.of("kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config.toString())))
			.directory(this.dataDirectory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.logFile.toFile()));
		try {
			int exit = builder.start().waitFor();
			if (exit != 0) {
				throw new IllegalStateException(
						"Formatting Kafka storage failed (exit " + exit + "): see " + this.logFile);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot run Kafka's storage tool", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while formatting Kafka storage", ex);
		}
	}

	private List<String> java(List<String> arguments) {
		List<String> command = new java.util.ArrayList<>(List.of(JavaRuntime.executable(), "-Xms128m", "-Xmx512m",
				"-XX:+UseSerialGC", "-cp", this.home.kafkaLibraries() + "/*"));
		command.addAll(arguments);
		return command;
	}

	private Path writeConfiguration() {
		String properties = String.join("\n", "process.roles=broker,controller", "node.id=1",
				"controller.quorum.voters=1@127.0.0.1:" + this.controllerPort,
				"listeners=PLAINTEXT://127.0.0.1:" + this.port + ",CONTROLLER://127.0.0.1:" + this.controllerPort,
				"advertised.listeners=PLAINTEXT://127.0.0.1:" + this.port, "controller.listener.names=CONTROLLER",
				"inter.broker.listener.name=PLAINTEXT",
				"listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
				"log.dirs=" + this.dataDirectory.resolve("logs"), "num.partitions=3", "auto.create.topics.enable=true",
				"offsets.topic.replication.factor=1", "offsets.topic.num.partitions=3",
				"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
				"share.coordinator.state.topic.replication.factor=1", "share.coordinator.state.topic.min.isr=1",
				"group.initial.rebalance.delay.ms=0", "log.retention.hours=168", "");
		try {
			Files.createDirectories(this.dataDirectory);
			Files.createDirectories(this.logFile.getParent());
			Path config = this.dataDirectory.resolve("server.properties");
			Files.writeString(config, properties);
			return config;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the Kafka configuration", ex);
		}
	}

	private void waitUntilListening(Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		while (!Ports.isListening(this.port)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("Kafka exited at start: see " + this.logFile);
			}
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("Kafka did not listen on " + this.port + " within "
						+ timeout.toSeconds() + " s: see " + this.logFile);
			}
			pause();
		}
	}

	private void requireLibraries() {
		if (!Files.isDirectory(this.home.kafkaLibraries())) {
			throw new IllegalStateException("The Kafka broker's jars are missing at " + this.home.kafkaLibraries()
					+ ": build first (./nori up builds, or mvn -pl kafka-broker package)");
		}
	}

	private static void requireFree(int port) {
		if (Ports.isListening(port)) {
			throw new IllegalStateException("Port " + port + " (kafka) is already in use");
		}
	}

	// Kafka cluster ids are 16 random bytes in URL-safe base64 that must not
	// start with '-'.
	private static String clusterId() {
		SecureRandom random = new SecureRandom();
		byte[] bytes = new byte[16];
		String id;
		do {
			random.nextBytes(bytes);
			id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		}
		while (id.startsWith("-"));
		return id;
	}

	private static void pause() {
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for Kafka", ex);
		}
	}

}
