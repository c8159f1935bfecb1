package dev.nori.jobs.api;

import java.util.Set;

import dev.nori.contracts.event.EventEnvelope;
import dev.nori.contracts.event.EventType;
import dev.nori.contracts.jobs.EnqueueJobRequested;
import dev.nori.eventing.inbox.EventHandler;
import dev.nori.eventing.inbox.UnreadableEventException;
import dev.nori.servicedefaults.problem.InvalidFieldsException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Enqueues jobs commanded over Kafka, with the REST API's checks; a command that can
 * never be enqueued goes to the dead-letter topic at once.
 */
@Component
class EnqueueJobRequestedHandler implements EventHandler<EnqueueJobRequested> {

	private final JobService jobs;

	private final JsonMapper json;

	private final Validator validator;

	EnqueueJobRequestedHandler(JobService jobs, JsonMapper json, Validator validator) {
		this.jobs = jobs;
		this.json = json;
		this.validator = validator;
	}

	@Override
	public EventType<EnqueueJobRequested> eventType() {
		return EnqueueJobRequested.TYPE;
	}

	@Override
	public void handle(EventEnvelope<EnqueueJobRequested> event) {
		EnqueueJobRequested command = event.data();
		EnqueueRequest request = new EnqueueRequest(command.type(), command.queue(),
				this.json.valueToTree(command.payload()), command.priority(), command.runAt(), null,
				command.maxAttempts(), command.timeoutSeconds(), command.idempotencyKey());
		Set<ConstraintViolation<EnqueueRequest>> violations = this.validator.validate(request);
		if (!violations.isEmpty()) {
			throw UnreadableEventException.refused("The job cannot be enqueued: " + violations.stream()
				.map((violation) -> violation.getPropertyPath() + " " + violation.getMessage())
				.toList());
		}
		try {
			this.jobs.enqueue(request, "kafka:" + event.source());
		}
		catch (InvalidFieldsException ex) {
			throw UnreadableEventException.refused("The job cannot be enqueued: " + ex.violations());
		}
	}

}
