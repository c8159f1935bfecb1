package dev.nori.jobs.api;

import java.time.Instant;
import java.util.UUID;

import dev.nori.jobs.queue.Job;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A job as clients see it (without its lease token).
 *
 * @param id its id
 * @param type its type
 * @param queue its queue
 * @param payload its payload
 * @param priority its priority
 * @param state its state
 * @param runAt when it runs next
 * @param attempts attempts started
 * @param maxAttempts attempts in all
 * @param timeoutSeconds how long one attempt may run
 * @param idempotencyKey its idempotency key
 * @param lastError the last attempt's error
 * @param errors every failed attempt: {@code attempt}, {@code at}, {@code error}
 * @param createdAt when it was enqueued
 * @param updatedAt when it last changed
 * @param finishedAt when it succeeded, died or was cancelled
 */
record JobView(UUID id, String type, String queue, JsonNode payload, int priority, String state, Instant runAt,
		int attempts, int maxAttempts, long timeoutSeconds, @Nullable String idempotencyKey, @Nullable String lastError,
		JsonNode errors, Instant createdAt, Instant updatedAt, @Nullable Instant finishedAt) {

	/** Payload fields that hold secrets: never shown, whoever asks. */
	private static final String SIGNING_SECRET = "signingSecret";

	static JobView of(Job job, JsonMapper json) {
		JsonNode payload = json.readTree(job.payload());
		if (payload instanceof tools.jackson.databind.node.ObjectNode fields && fields.has(SIGNING_SECRET)) {
			fields.put(SIGNING_SECRET, "[redacted]");
		}
		return new JobView(job.id(), job.type(), job.queue(), payload, job.priority(), job.state().value(), job.runAt(),
				job.attempts(), job.maxAttempts(), job.timeout().toSeconds(), job.idempotencyKey(), job.lastError(),
				json.readTree(job.errors()), job.createdAt(), job.updatedAt(), job.finishedAt());
	}

}
