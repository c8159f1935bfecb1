package dev.nori.notification.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * A WebSocket client for the tests: keeps every text message and counts pings.
 */
final class WsClient implements AutoCloseable {

	private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

	private final AtomicInteger pings = new AtomicInteger();

	private final CompletableFuture<Integer> closed = new CompletableFuture<>();

	private volatile @Nullable String closeReason;

	private final WebSocket socket;

	private WsClient(URI uri, @Nullable String token) {
		WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		this.socket = builder.buildAsync(uri, new Listener()).join();
	}

	static WsClient open(URI uri, @Nullable String token) {
		return new WsClient(uri, token);
	}

	void send(String text) {
		this.socket.sendText(text, true).join();
	}

	@Nullable String next(Duration timeout) throws InterruptedException {
		return this.messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	int pings() {
		return this.pings.get();
	}

	CompletableFuture<Integer> closed() {
		return this.closed;
	}

	// set before closed() completes
	@Nullable String closeReason() {
		return this.closeReason;
	}

	@Override
	public void close() {
		if (!this.socket.isOutputClosed()) {
			this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
		}
		this.socket.abort();
	}

	private final class Listener implements WebSocket.Listener {

		private final StringBuilder partial = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				WsClient.this.messages.add(this.partial.toString());
				this.partial.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
			WsClient.this.pings.incrementAndGet();
			return WebSocket.Listener.super.onPing(webSocket, message);
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			WsClient.this.closeReason = reason;
			WsClient.this.closed.complete(statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			WsClient.this.closed.completeExceptionally(error);
		}

	}

}
