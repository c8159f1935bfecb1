package dev.nori.notification.live;

import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.nori.servicedefaults.problem.InvalidFieldsException;
import dev.nori.servicedefaults.problem.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.security.core.Authentication;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * {@code /ws/events}: JSON messages over a WebSocket. The client sends
 * {@code {"action":"subscribe","types":[…]}} (with {@code "after":"<event id>"} to
 * resume) or {@code "unsubscribe"}; the server answers {@code {"kind":"subscribed"}} or
 * {@code {"kind":"error","detail":…}}, sends {@code {"kind":"event",…}} messages, and
 * pings when idle. One thread per connection writes; a client that falls too far behind,
 * or whose token has expired or was revoked, is closed with 1008.
 */
class EventSocketHandler extends TextWebSocketHandler {

	private static final Logger log = LoggerFactory.getLogger(EventSocketHandler.class);

	private static final String SUBSCRIBER = "nori.subscriber";

	private final LiveHub hub;

	private final LiveProperties properties;

	private final JsonMapper json;

	EventSocketHandler(LiveHub hub, LiveProperties properties, JsonMapper json) {
		this.hub = hub;
		this.properties = properties;
		this.json = json;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) throws IOException {
		Principal principal = session.getPrincipal();
		if (!(principal instanceof Authentication caller)) {
			session.close(CloseStatus.POLICY_VIOLATION.withReason("not authenticated"));
			return;
		}
		Subscriber subscriber;
		try {
			subscriber = this.hub.connect(caller);
		}
		catch (ProblemException ex) {
			session.close(CloseStatus.SERVICE_OVERLOAD);
			return;
		}
		session.getAttributes().put(SUBSCRIBER, subscriber);
		// a write the client does not read ends after this, and the client is dropped
		session.getAttributes()
			.put("org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT", this.properties.sendTimeout().toMillis());
		Thread.ofVirtual().name("ws-events-" + session.getId()).start(() -> deliver(session, subscriber));
	}

	private void deliver(WebSocketSession session, Subscriber subscriber) {
		try {
			subscriber.deliver(new SocketConnection(session), this.properties.heartbeat());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.hub.disconnect(subscriber);
			try {
				if (session.isOpen()) {
					session.close(closeStatus(subscriber));
				}
			}
			catch (IOException ex) {
				log.debug("Closing {} failed: {}", session.getId(), ex.getMessage());
			}
		}
	}

	private static CloseStatus closeStatus(Subscriber subscriber) {
		if (subscriber.fellBehind()) {
			return CloseStatus.POLICY_VIOLATION.withReason(Subscriber.TOO_SLOW);
		}
		String reason = subscriber.closeReason();
		// 1008 like a refused token: the client reconnects with a fresh one
		if (Subscriber.TOKEN_EXPIRED.equals(reason) || Subscriber.TOKEN_REVOKED.equals(reason)) {
			return CloseStatus.POLICY_VIOLATION.withReason(reason);
		}
		return CloseStatus.NORMAL;
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) {
		Subscriber subscriber = (Subscriber) session.getAttributes().get(SUBSCRIBER);
		if (subscriber == null) {
			return;
		}
		subscriber.offer(answer(message.getPayload(), subscriber));
	}

	private String answer(String payload, Subscriber subscriber) {
		JsonNode request;
		try {
			request = this.json.readTree(payload);
		}
		catch (JacksonException ex) {
			return error("messages are JSON objects: {\"action\":\"subscribe\",\"types\":[…]}");
		}
		String action = request.path("action").asString("");
		List<String> types = new ArrayList<>();
		request.path("types").forEach((type) -> types.add(type.asString("")));
		try {
			switch (action) {
				case "subscribe" -> {
					Set<String> checked = Subscriptions.check(types, subscriber.viewer());
					subscriber.types().addAll(checked);
					String after = request.path("after").asString(null);
					if (after != null) {
						resume(after, subscriber);
					}
				}
				case "unsubscribe" -> subscriber.types().removeAll(types);
				default -> {
					return error("action must be subscribe or unsubscribe");
				}
			}
		}
		catch (InvalidFieldsException ex) {
			return error(ex.violations().get(0).message());
		}
		catch (ProblemException ex) {
			return error(ex.getMessage());
		}
		ObjectNode reply = this.json.createObjectNode();
		reply.put("kind", "subscribed");
		reply.set("types", this.json.valueToTree(List.copyOf(subscriber.types())));
		return this.json.writeValueAsString(reply);
	}

	private void resume(String after, Subscriber subscriber) {
		this.hub.after(after).ifPresentOrElse((missed) -> missed.stream().filter(subscriber::wants).forEach((event) -> {
			subscriber.offer(event.json());
		}), () -> subscriber.offer("{\"kind\":\"gap\",\"lastEventId\":" + Subscriptions.quoted(after) + "}"));
	}

	private String error(String detail) {
		ObjectNode reply = this.json.createObjectNode();
		reply.put("kind", "error");
		reply.put("detail", detail);
		return this.json.writeValueAsString(reply);
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		Subscriber subscriber = (Subscriber) session.getAttributes().get(SUBSCRIBER);
		if (subscriber != null) {
			this.hub.disconnect(subscriber);
		}
	}

	private record SocketConnection(WebSocketSession session) implements Subscriber.Connection {

		@Override
		public void event(LiveEvent event) throws IOException {
			this.session.sendMessage(new TextMessage(event.json()));
		}

		@Override
		public void reply(String json) throws IOException {
			this.session.sendMessage(new TextMessage(json));
		}

		@Override
		public void heartbeat() throws IOException {
			this.session.sendMessage(new PingMessage());
		}

	}

}
