package dev.nori.notification.webhook;

import java.util.List;

import dev.nori.contracts.event.EventEnvelope;
import dev.nori.contracts.event.EventType;
import dev.nori.contracts.jobs.JobAttempted;
import dev.nori.contracts.jobs.JobEvents;
import dev.nori.eventing.inbox.EventFamilyHandler;

import org.springframework.stereotype.Component;

/**
 * Hands job-service's lifecycle events of delivery jobs to
 * {@link WebhookService#recordOutcome}.
 */
@Component
class DeliveryOutcome implements EventFamilyHandler<JobAttempted> {

	private final WebhookService webhooks;

	DeliveryOutcome(WebhookService webhooks) {
		this.webhooks = webhooks;
	}

	@Override
	public List<EventType<JobAttempted>> eventTypes() {
		return List.of(JobEvents.SUCCEEDED, JobEvents.FAILED, JobEvents.DEAD);
	}

	@Override
	public void handle(EventEnvelope<JobAttempted> event) {
		String type = event.type();
		this.webhooks.recordOutcome(event, type.equals(JobEvents.SUCCEEDED.name()) ? "succeeded"
				: type.equals(JobEvents.DEAD.name()) ? "dead" : "retrying");
	}

}
