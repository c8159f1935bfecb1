package dev.nori.notification.live;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/notifications/stream?types=…}: Server-Sent Events. The request's
 * (virtual) thread writes the stream until the client leaves or falls too far behind; a
 * client that sends {@code Last-Event-ID} first gets what it missed, when that is still
 * retained, and otherwise a {@code gap} event. The stream ends when the caller's token
 * expires; the client reconnects with a fresh one and its {@code Last-Event-ID}.
 */
@RestController
class StreamController {

	private final LiveHub hub;

	private final LiveProperties properties;

	StreamController(LiveHub hub, LiveProperties properties) {
		this.hub = hub;
		this.properties = properties;
	}

	@GetMapping("/api/notifications/stream")
	void stream(@RequestParam List<String> types,
			@RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId,
			Authentication caller, HttpServletResponse response) throws IOException, InterruptedException {
		Set<String> checked = Subscriptions.check(types,
				Viewer.of(caller.getName(), Subscriptions.permissions(caller)));
		Subscriber subscriber = this.hub.connect(caller);
		try {
			subscriber.types().addAll(checked);
			response.setContentType("text/event-stream;charset=UTF-8");
			response.setHeader("Cache-Control", "no-cache, no-store");
			response.setHeader("X-Accel-Buffering", "no");
			SseConnection connection = new SseConnection(response.getOutputStream());
			connection.write("retry: 3000\n\n");
			if (lastEventId != null) {
				connection.replay(lastEventId, subscriber);
			}
			subscriber.deliver(connection, this.properties.heartbeat());
		}
		finally {
			this.hub.disconnect(subscriber);
		}
	}

	private final class SseConnection implements Subscriber.Connection {

		private final OutputStream out;

		// events sent in the replay that may also have been queued meanwhile
		private final Set<String> replayed = new HashSet<>();

		SseConnection(OutputStream out) {
			this.out = out;
		}

		void replay(String lastEventId, Subscriber subscriber) throws IOException {
			var missed = StreamController.this.hub.after(lastEventId);
			if (missed.isEmpty()) {
				write("event: gap\ndata: {\"kind\":\"gap\",\"lastEventId\":" + Subscriptions.quoted(lastEventId)
						+ "}\n\n");
				return;
			}
			for (LiveEvent event : missed.get()) {
				if (subscriber.wants(event)) {
					event(event);
					this.replayed.add(event.id());
				}
			}
		}

		@Override
		public void event(LiveEvent event) throws IOException {
			if (!this.replayed.isEmpty() && this.replayed.remove(event.id())) {
				return;
			}
			write("id: " + event.id() + "\nevent: " + event.type() + "\ndata: " + event.json() + "\n\n");
		}

		@Override
		public void reply(String json) throws IOException {
			write("data: " + json + "\n\n");
		}

		@Override
		public void heartbeat() throws IOException {
			write(": heartbeat\n\n");
		}

		void write(String frame) throws IOException {
			this.out.write(frame.getBytes(StandardCharsets.UTF_8));
			this.out.flush();
		}

	}

}
