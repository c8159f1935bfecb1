package dev.nori.notification.webhook;

import dev.nori.contracts.event.EventEnvelope;
import dev.nori.contracts.event.EventType;
import dev.nori.contracts.jobs.JobAttempted;
import dev.nori.contracts.jobs.JobEvents;
import dev.nori.eventing.inbox.EventHandler;

/**
 * Hands job-service's lifecycle events of delivery jobs to
 * {@link WebhookService#recordOutcome}; one bean per outcome (see
 * {@link WebhookHandlers}).
 */
class DeliveryOutcome implements EventHandler<JobAttempted> {

	private final EventType<JobAttempted> eventType;

	private final String state;

	private final WebhookService webhooks;

	DeliveryOutcome(String outcome, WebhookService webhooks) {
		this.eventType = switch (outcome) {
			case "succeeded" -> JobEvents.SUCCEEDED;
			case "failed" -> JobEvents.FAILED;
			case "dead" -> JobEvents.DEAD;
			default -> throw new IllegalArgumentException("No job outcome " + outcome);
		};
		this.state = "failed".equals(outcome) ? "retrying" : outcome;
		this.webhooks = webhooks;
	}

	@Override
	public EventType<JobAttempted> eventType() {
		return this.eventType;
	}

	@Override
	public void handle(EventEnvelope<JobAttempted> event) {
		this.webhooks.recordOutcome(event, this.state);
	}

}
