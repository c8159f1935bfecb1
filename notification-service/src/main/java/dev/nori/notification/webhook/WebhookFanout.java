package dev.nori.notification.webhook;

import dev.nori.contracts.event.EventEnvelope;
import dev.nori.contracts.event.EventType;
import dev.nori.eventing.inbox.EventHandler;
import dev.nori.notification.live.StreamableTypes;
import tools.jackson.databind.JsonNode;

/**
 * Hands every event of one streamable type to {@link WebhookService#fanOut}; one bean per
 * type (see {@link WebhookHandlers}).
 */
class WebhookFanout implements EventHandler<JsonNode> {

	private final StreamableTypes.StreamableType type;

	private final EventType<JsonNode> eventType;

	private final WebhookService webhooks;

	WebhookFanout(String typeName, WebhookService webhooks) {
		this.type = StreamableTypes.find(typeName).orElseThrow();
		this.eventType = EventType.of(this.type.name(), this.type.topic(), JsonNode.class);
		this.webhooks = webhooks;
	}

	@Override
	public EventType<JsonNode> eventType() {
		return this.eventType;
	}

	@Override
	public void handle(EventEnvelope<JsonNode> event) {
		this.webhooks.fanOut(this.type, event);
	}

}
