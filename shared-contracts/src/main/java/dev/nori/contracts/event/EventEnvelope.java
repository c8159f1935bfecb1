package dev.nori.contracts.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A domain event as it travels between services: the CloudEvents 1.0 context attributes,
 * Nori's {@code requestid} and W3C {@code traceparent} extensions, and the payload.
 *
 * @param id unique event id; consumers are idempotent on it
 * @param source the URI reference of the producing service, for example
 * {@code /nori/content-service}
 * @param type the logical type name
 * @param subject the aggregate id, also the Kafka record key
 * @param time when the change happened
 * @param requestId the request that caused the event, if any
 * @param traceparent the W3C trace context of the producer, if any
 * @param data the payload
 * @param <T> the payload type
 */
public record EventEnvelope<T>(UUID id, String source, String type, String subject, Instant time,
		@Nullable String requestId, @Nullable String traceparent, T data) {

	/** CloudEvents extension carrying the request id. */
	public static final String REQUEST_ID_EXTENSION = "requestid";

	/** CloudEvents extension carrying the W3C trace context. */
	public static final String TRACEPARENT_EXTENSION = "traceparent";

	public EventEnvelope {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(subject, "subject");
		Objects.requireNonNull(time, "time");
		Objects.requireNonNull(data, "data");
	}

}
