package dev.nori.testsupport;

import dev.nori.launcher.Ports;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * Redis for tests: the server on 127.0.0.1:6379 when it answers; otherwise a
 * Testcontainers server when a Docker engine is available; otherwise a failure that says
 * what to start.
 */
public final class TestRedis {

	/** The local Redis port. */
	public static final int PORT = 6379;

	private static volatile GenericContainer<?> container;

	private TestRedis() {
	}

	/**
	 * Returns the Redis host.
	 * @return the host tests connect to
	 */
	public static String host() {
		port();
		return (container != null) ? container.getHost() : "127.0.0.1";
	}

	/**
	 * Returns the Redis port, after checking that Redis answers (or starting a
	 * container).
	 * @return the port
	 */
	public static synchronized int port() {
		if (container != null) {
			return container.getMappedPort(PORT);
		}
		if (Ports.isListening(PORT)) {
			return PORT;
		}
		if (!DockerClientFactory.instance().isDockerAvailable()) {
			throw new IllegalStateException("Tests need Redis: nothing answers on 127.0.0.1:" + PORT
					+ " and no Docker engine is available. Start it: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save \"\"");
		}
		GenericContainer<?> started = new GenericContainer<>("redis:7-alpine").withExposedPorts(PORT);
		started.start();
		container = started;
		return started.getMappedPort(PORT);
	}

}
