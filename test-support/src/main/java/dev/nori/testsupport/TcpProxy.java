package dev.nori.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP forwarder that a test can cut and restore, to make a real server
 * (PostgreSQL, Redis) unreachable for one application without touching the server itself.
 */
public final class TcpProxy implements AutoCloseable {

	private final int port;

	private final int targetPort;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private volatile ServerSocket server;

	/**
	 * Creates a proxy on a free port; it forwards nothing until {@link #start()}.
	 * @param targetPort the loopback port to forward to
	 */
	public TcpProxy(int targetPort) {
		this.targetPort = targetPort;
		this.port = dev.nori.launcher.Ports.free();
	}

	/**
	 * Returns the port clients connect to.
	 * @return the proxy's port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Starts accepting and forwarding connections.
	 * @return this proxy
	 */
	public synchronized TcpProxy start() {
		try {
			ServerSocket socket = new ServerSocket();
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port));
			this.server = socket;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot listen on " + this.port, ex);
		}
		Thread.ofVirtual().start(this::accept);
		return this;
	}

	/**
	 * Stops listening and cuts every open connection, as a server that went away would.
	 */
	public synchronized void cut() {
		closeQuietly(this.server);
		this.server = null;
		this.sockets.forEach(TcpProxy::closeQuietly);
		this.sockets.clear();
	}

	@Override
	public void close() {
		cut();
	}

	private void accept() {
		ServerSocket listening = this.server;
		while (listening != null && !listening.isClosed()) {
			Socket client;
			try {
				client = listening.accept();
			}
			catch (IOException ex) {
				if (listening.isClosed()) {
					return; // closed by cut()
				}
				continue;
			}
			forward(client);
		}
	}

	// A refused upstream connect closes this client, as a server that went away would,
	// and the proxy goes on accepting: stopping would leave the client waiting for an
	// answer that never comes.
	private void forward(Socket client) {
		this.sockets.add(client);
		Socket upstream;
		try {
			upstream = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
		}
		catch (IOException ex) {
			closeQuietly(client);
			this.sockets.remove(client);
			return;
		}
		this.sockets.add(upstream);
		Thread.ofVirtual().start(() -> pipe(client, upstream));
		Thread.ofVirtual().start(() -> pipe(upstream, client));
	}

	private void pipe(Socket from, Socket to) {
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			in.transferTo(out);
		}
		catch (IOException ex) {
			// one side closed: close the other so the peer sees it
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
			this.sockets.remove(from);
			this.sockets.remove(to);
		}
	}

	private static void closeQuietly(java.io.Closeable closeable) {
		if (closeable != null) {
			try {
				closeable.close();
			}
			catch (IOException ex) {
				// closing is best effort: the test asserts on what the application sees
			}
		}
	}

}
