package dev.nori.eventing.outbox;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One stored event, as written in the transaction of its state change.
 */
record OutboxRecord(long seq, UUID id, String topic, String key, String type, String source, Instant occurredAt,
		@Nullable String requestId, @Nullable String traceparent, String data) {

	OutboxRecord withTraceparent(@Nullable String traceparent) {
		return new OutboxRecord(this.seq, this.id, this.topic, this.key, this.type, this.source, this.occurredAt,
				this.requestId, traceparent, this.data);
	}
}
