package dev.nori.jobs.queue;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A job to enqueue, already checked.
 *
 * @param type its type
 * @param queue its queue
 * @param payload its JSON payload
 * @param priority higher runs first
 * @param runAt when it may first run
 * @param maxAttempts attempts before it is dead
 * @param timeout how long one attempt may run
 * @param idempotencyKey a key that makes a second enqueue return this job
 * @param enqueuedBy who enqueues it
 * @param traceparent the W3C trace context of the enqueuer, continued by the attempts
 */
public record NewJob(String type, String queue, String payload, int priority, Instant runAt, int maxAttempts,
		Duration timeout, @Nullable String idempotencyKey, @Nullable String enqueuedBy, @Nullable String traceparent) {
}
