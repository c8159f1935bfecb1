package dev.nori.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;

import dev.nori.launcher.KafkaBroker;
import dev.nori.launcher.NoriHome;
import dev.nori.launcher.Ports;

/**
 * One real Kafka broker per test JVM, run as a separate process (so that fault tests can
 * stop, kill and restart it) on free loopback ports, with its data under the module's
 * {@code target/}. It stops when the JVM exits.
 */
public final class TestKafka {

	private static KafkaBroker broker;

	private TestKafka() {
	}

	/**
	 * Returns the broker, starting it on first use.
	 * @return the running broker
	 */
	public static synchronized KafkaBroker broker() {
		if (broker == null) {
			Path data = Path.of("target", "test-kafka", UUID.randomUUID().toString()).toAbsolutePath();
			int port = freePairStart();
			KafkaBroker started = new KafkaBroker(NoriHome.locate(), data, data.resolve("run"),
					data.resolve("kafka.log"), port, port + 1);
			started.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				started.kill();
				deleteQuietly(data);
			}));
			broker = started;
		}
		return broker;
	}

	/**
	 * Returns the bootstrap servers of the test broker, starting it on first use.
	 * @return {@code 127.0.0.1:<port>}
	 */
	public static String bootstrapServers() {
		return broker().bootstrapServers();
	}

	// Two adjacent ports (client, controller) below the kernel's ephemeral range, so that
	// no outgoing connection can take them while a fault test has the broker stopped;
	// above the ports the system tests use.
	private static int freePairStart() {
		java.util.Random random = new java.util.Random();
		for (int attempt = 0; attempt < 100; attempt++) {
			int port = 30000 + 2 * random.nextInt(1000);
			if (!Ports.isListening(port) && !Ports.isListening(port + 1)) {
				return port;
			}
		}
		throw new IllegalStateException("No two adjacent free loopback ports for the test broker");
	}

	private static void deleteQuietly(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (var paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
