package dev.nori.contracts.jobs;

import java.time.Instant;
import java.util.Map;

import dev.nori.contracts.event.EventType;
import dev.nori.contracts.event.Topics;
import org.jspecify.annotations.Nullable;

/**
 * A command on {@code nori.jobs.commands}: enqueue a job. The same rules as the REST API
 * apply, idempotency keys included; a command that can never be enqueued (unknown type, a
 * payload that does not fit) goes to {@code nori.jobs.commands.dlt}.
 *
 * @param type the job type
 * @param queue the queue; the default when {@code null}
 * @param payload the payload, a JSON object
 * @param priority higher first; 0 when {@code null}
 * @param runAt when it may first run; at once when {@code null}
 * @param maxAttempts attempts before it is dead; the default when {@code null}
 * @param timeoutSeconds how long one attempt may run; the default when {@code null}
 * @param idempotencyKey a second command with the same type and key enqueues nothing
 */
public record EnqueueJobRequested(String type, @Nullable String queue, Map<String, Object> payload,
		@Nullable Integer priority, @Nullable Instant runAt, @Nullable Integer maxAttempts,
		@Nullable Integer timeoutSeconds, @Nullable String idempotencyKey) {

	/** The command type. */
	public static final EventType<EnqueueJobRequested> TYPE = EventType.of("nori.jobs.job.enqueue-requested.v1",
			Topics.JOBS_COMMANDS, EnqueueJobRequested.class);

}
