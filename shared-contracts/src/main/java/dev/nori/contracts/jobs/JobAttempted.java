package dev.nori.contracts.jobs;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one attempt of a job: the payload of every {@link JobEvents job event}.
 *
 * @param jobId the job
 * @param type its type
 * @param queue its queue
 * @param attempt the attempt, from 1
 * @param maxAttempts its attempts in all
 * @param error why the attempt failed, when it did
 * @param nextRunAt when it runs again, when it will
 * @param occurredAt when the attempt ended
 * @param enqueuedBy who enqueued the job: a user id (the token subject), or
 * {@code kafka:<source>} for a command; absent in events written before it existed
 * @param idempotencyKey the job's idempotency key, if it has one: how a service that
 * commanded the job recognises it
 */
public record JobAttempted(UUID jobId, String type, String queue, int attempt, int maxAttempts, @Nullable String error,
		@Nullable Instant nextRunAt, Instant occurredAt, @Nullable String enqueuedBy, @Nullable String idempotencyKey) {
}
