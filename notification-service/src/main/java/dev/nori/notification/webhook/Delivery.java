package dev.nori.notification.webhook;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One event sent to one endpoint.
 *
 * @param id its id (the http job's idempotency key is {@code webhook:<id>})
 * @param endpointId the endpoint
 * @param eventId the event
 * @param eventType its type
 * @param messageId the {@code webhook-id} receivers see, the same for a redelivery
 * @param body the JSON body sent
 * @param redeliveryOf the delivery this one repeats
 * @param state {@code pending}, {@code retrying}, {@code succeeded} or {@code dead}
 * @param attempts attempts so far
 * @param lastError why the last attempt failed
 * @param latencyMillis from the event to the receiver's 2xx
 * @param jobId the http job in job-service
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
record Delivery(UUID id, UUID endpointId, UUID eventId, String eventType, String messageId, String body,
		@Nullable UUID redeliveryOf, String state, int attempts, @Nullable String lastError,
		@Nullable Long latencyMillis, @Nullable UUID jobId, Instant createdAt, Instant updatedAt) {
}
