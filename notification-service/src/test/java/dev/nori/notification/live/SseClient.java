package dev.nori.notification.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * A Server-Sent Events client for the tests: reads the stream on a thread of its own and
 * keeps every line and every complete event.
 */
final class SseClient implements AutoCloseable {

	private final HttpResponse<Stream<String>> response;

	private final List<String> lines = new CopyOnWriteArrayList<>();

	private final BlockingQueue<Map<String, String>> events = new LinkedBlockingQueue<>();

	private final java.util.concurrent.CompletableFuture<Void> ended = new java.util.concurrent.CompletableFuture<>();

	private SseClient(HttpResponse<Stream<String>> response) {
		this.response = response;
		Thread.ofVirtual().start(this::read);
	}

	static SseClient open(URI uri, String token, @Nullable String lastEventId) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.header("Authorization", "Bearer " + token)
			.header("Accept", "text/event-stream");
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		try {
			HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
				.send(request.build(), HttpResponse.BodyHandlers.ofLines());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("The stream answered " + response.statusCode() + ": "
						+ String.join("\n", response.body().toList()));
			}
			return new SseClient(response);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private void read() {
		Map<String, String> current = new java.util.LinkedHashMap<>();
		try (Stream<String> body = this.response.body()) {
			for (var iterator = body.iterator(); iterator.hasNext();) {
				String line = iterator.next();
				this.lines.add(line);
				if (line.isEmpty()) {
					if (!current.isEmpty()) {
						this.events.add(current);
						current = new java.util.LinkedHashMap<>();
					}
				}
				else if (!line.startsWith(":")) {
					int colon = line.indexOf(':');
					current.put(line.substring(0, colon), line.substring(colon + 1).stripLeading());
				}
			}
		}
		catch (RuntimeException ex) {
			// closed by the test, or by the server
		}
		finally {
			this.ended.complete(null);
		}
	}

	/** Completes when the stream has ended, whoever ended it. */
	java.util.concurrent.CompletableFuture<Void> ended() {
		return this.ended;
	}

	/** The next event with an {@code event:} field, within the timeout. */
	@Nullable Map<String, String> next(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			Map<String, String> event = this.events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
			if (event == null || event.containsKey("event")) {
				return event;
			}
		}
	}

	List<String> lines() {
		return this.lines;
	}

	@Override
	public void close() {
		this.response.body().close();
	}

}
