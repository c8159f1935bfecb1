package dev.nori.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.nori.launcher.Ports;
import org.junit.jupiter.api.Assumptions;

/**
 * A Redis server of the test's own, on a free port, that the test may stop and start
 * again: how to test "Redis is down" without touching the shared server. Needs
 * {@code redis-server} on the {@code PATH}: {@link #startOrSkip()} skips the test with
 * that reason otherwise.
 */
public final class RedisServerProcess implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

	private final int port;

	private Process process;

	private RedisServerProcess(int port) {
		this.port = port;
	}

	/**
	 * Tells whether {@code redis-server} can be started here.
	 * @return whether it is on the {@code PATH}
	 */
	public static boolean isInstalled() {
		String path = System.getenv("PATH");
		return path != null && List.of(path.split(java.io.File.pathSeparator))
			.stream()
			.anyMatch((dir) -> Files.isExecutable(Path.of(dir, "redis-server")));
	}

	/**
	 * Starts a server, or skips the calling test (saying why) when {@code redis-server}
	 * is not installed.
	 * @return the running server
	 */
	public static RedisServerProcess startOrSkip() {
		Assumptions.assumeTrue(isInstalled(),
				"needs redis-server on the PATH to start a Redis of its own that it can stop");
		return start();
	}

	/**
	 * Starts a server on a free loopback port, keeping nothing on disk.
	 * @return the running server
	 */
	public static RedisServerProcess start() {
		RedisServerProcess server = new RedisServerProcess(Ports.free());
		server.restart();
		return server;
	}

	/**
	 * Returns the server's port, the same across stops and starts.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Starts the server again after {@link #stop()}; waits until it accepts connections.
	 */
	public synchronized void restart() {
		if (this.process != null && this.process.isAlive()) {
			return;
		}
		try {
			this.process = new ProcessBuilder("redis-server", "--port", Integer.toString(this.port), "--bind",
					"127.0.0.1", "--save", "", "--appendonly", "no")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start redis-server", ex);
		}
		Instant deadline = Instant.now().plus(START_TIMEOUT);
		while (!Ports.isListening(this.port)) {
			if (!this.process.isAlive() || Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("redis-server did not start on port " + this.port);
			}
			sleep();
		}
	}

	/**
	 * Stops the server and waits until it is gone.
	 */
	public synchronized void stop() {
		if (this.process == null) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while stopping redis-server", ex);
		}
	}

	@Override
	public void close() {
		stop();
	}

	private static void sleep() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while starting redis-server", ex);
		}
	}

}
