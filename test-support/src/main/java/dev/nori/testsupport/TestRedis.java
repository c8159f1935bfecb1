package dev.nori.testsupport;

import dev.nori.launcher.Ports;

/**
 * Redis for tests: the server on 127.0.0.1:6379, or a failure that says what to start.
 */
public final class TestRedis {

	/** The local Redis port. */
	public static final int PORT = 6379;

	private TestRedis() {
	}

	/**
	 * Returns the Redis port, after checking that Redis answers.
	 * @return the port
	 */
	public static int port() {
		if (!Ports.isListening(PORT)) {
			throw new IllegalStateException("Tests need Redis: nothing answers on 127.0.0.1:" + PORT
					+ ". Start it: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save \"\"");
		}
		return PORT;
	}

}
