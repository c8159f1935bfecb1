package dev.nori.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on a free loopback port, for tests that need a service to route to:
 * the JDK's own server, one virtual thread per request.
 */
public final class TestHttpServer {

	private TestHttpServer() {
	}

	/**
	 * Starts a server answering every path with the handler.
	 * @param handler the handler
	 * @return the running server; stop it with {@code stop(0)}
	 */
	public static HttpServer start(HttpHandler handler) {
		return start(0, handler);
	}

	/**
	 * Starts a server on a given loopback port, answering every path with the handler: a
	 * service that comes up where clients already try to reach it.
	 * @param port the port, or 0 for any free one
	 * @param handler the handler
	 * @return the running server; stop it with {@code stop(0)}
	 */
	public static HttpServer start(int port, HttpHandler handler) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
			server.createContext("/", handler);
			server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start a test HTTP server", ex);
		}
	}

	/**
	 * Starts a server answering every request with an empty 200.
	 * @return the running server
	 */
	public static HttpServer ok() {
		return start((exchange) -> {
			exchange.getRequestBody().readAllBytes();
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
	}

	/**
	 * Starts a server that answers every request with an empty 200 only after a delay: a
	 * slow service.
	 * @param delay how long each answer takes
	 * @return the running server
	 */
	public static HttpServer slow(Duration delay) {
		return start((exchange) -> {
			try {
				Thread.sleep(delay);
				exchange.sendResponseHeaders(200, -1);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				exchange.close();
			}
		});
	}

}
