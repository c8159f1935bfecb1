package dev.nori.jobs.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A job as stored.
 *
 * @param id its id
 * @param type its type, naming its handler
 * @param queue its queue
 * @param payload its JSON payload
 * @param priority higher runs first
 * @param state its state
 * @param runAt when it may run next
 * @param attempts attempts started
 * @param maxAttempts attempts before it is dead
 * @param timeout how long one attempt may run
 * @param idempotencyKey the key a second enqueue is recognised by
 * @param enqueuedBy who enqueued it
 * @param leaseToken the current claim's token; only its holder finishes the job
 * @param leaseExpiresAt when the claim lapses without a heartbeat
 * @param worker the worker holding it
 * @param lastError the last attempt's error
 * @param errors every failed attempt's error, as a JSON array
 * @param createdAt when it was enqueued
 * @param updatedAt when it last changed
 * @param finishedAt when it succeeded, died or was cancelled
 * @param traceparent the W3C trace context of the enqueuer
 */
public record Job(UUID id, String type, String queue, String payload, int priority, JobState state, Instant runAt,
		int attempts, int maxAttempts, Duration timeout, @Nullable String idempotencyKey, @Nullable String enqueuedBy,
		@Nullable UUID leaseToken, @Nullable Instant leaseExpiresAt, @Nullable String worker,
		@Nullable String lastError, String errors, Instant createdAt, Instant updatedAt, @Nullable Instant finishedAt,
		@Nullable String traceparent) {

	/**
	 * Returns this job as a successful attempt leaves it.
	 * @param at when it succeeded
	 * @return the job, succeeded
	 */
	public Job succeeded(Instant at) {
		return new Job(this.id, this.type, this.queue, this.payload, this.priority, JobState.SUCCEEDED, this.runAt,
				this.attempts, this.maxAttempts, this.timeout, this.idempotencyKey, this.enqueuedBy, null, null,
				this.worker, this.lastError, this.errors, this.createdAt, at, at, this.traceparent);
	}

}
