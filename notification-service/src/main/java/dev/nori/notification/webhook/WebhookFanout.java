package dev.nori.notification.webhook;

import java.util.List;

import dev.nori.contracts.event.EventEnvelope;
import dev.nori.contracts.event.EventType;
import dev.nori.eventing.inbox.EventFamilyHandler;
import dev.nori.notification.live.StreamableTypes;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * Hands every event of a streamable type to {@link WebhookService#fanOut}.
 */
@Component
class WebhookFanout implements EventFamilyHandler<JsonNode> {

	private final WebhookService webhooks;

	WebhookFanout(WebhookService webhooks) {
		this.webhooks = webhooks;
	}

	@Override
	public List<EventType<JsonNode>> eventTypes() {
		return StreamableTypes.all()
			.values()
			.stream()
			.map((type) -> EventType.of(type.name(), type.topic(), JsonNode.class))
			.toList();
	}

	@Override
	public void handle(EventEnvelope<JsonNode> event) {
		this.webhooks.fanOut(StreamableTypes.find(event.type()).orElseThrow(), event);
	}

}
