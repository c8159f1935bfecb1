package dev.nori.contracts.audit;

import java.time.Instant;
import java.util.Map;

import dev.nori.contracts.event.EventType;
import dev.nori.contracts.event.Topics;
import org.jspecify.annotations.Nullable;

/**
 * Something a user or system did that must be traceable later.
 *
 * @param service the service that recorded it
 * @param action what was done, for example {@code article.deleted}
 * @param target what it was done to, for example {@code article:42}
 * @param actor who did it (a user id), or {@code null} when anonymous or a system task
 * @param clientIp the client address as the service saw it, if any
 * @param requestId the request in which it happened, if any
 * @param details further facts, free of secrets
 * @param occurredAt when it happened
 * @param userAgent the client's {@code User-Agent}, if any (added later: absent in older
 * records)
 * @param outcome {@code success}, {@code failure} or {@code denied} (added later: older
 * records have none and mean {@code success})
 */
public record AuditRecorded(String service, String action, String target, @Nullable String actor,
		@Nullable String clientIp, @Nullable String requestId, Map<String, String> details, Instant occurredAt,
		@Nullable String userAgent, @Nullable String outcome) {

	/** The event type of audit records. */
	public static final EventType<AuditRecorded> TYPE = EventType.of("nori.audit.record.recorded.v1", Topics.AUDIT,
			AuditRecorded.class);

	public AuditRecorded {
		details = Map.copyOf(details);
	}

}
