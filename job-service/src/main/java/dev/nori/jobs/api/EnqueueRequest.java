package dev.nori.jobs.api;

import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A job to enqueue.
 *
 * @param type its type (a registered handler)
 * @param queue its queue; the configured default when absent
 * @param payload a JSON object its handler reads
 * @param priority -100 to 100, higher first
 * @param runAt when it may first run; at once when absent
 * @param delaySeconds instead of {@code runAt}: how long from now
 * @param maxAttempts attempts before it is dead
 * @param timeoutSeconds how long one attempt may run
 * @param idempotencyKey a second enqueue with the same type and key returns the first job
 */
record EnqueueRequest(
		@NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters") @Pattern(
				regexp = "[a-z][a-z0-9._-]*",
				message = "must be lower-case letters, digits, dots, hyphens") String type,
		@Nullable @Size(max = 100, message = "must be at most 100 characters") @Pattern(regexp = "[a-z][a-z0-9._-]*",
				message = "must be lower-case letters, digits, dots, hyphens") String queue,
		@NotNull(message = "is required") JsonNode payload,
		@Nullable @Min(value = -100,
				message = "must be at least -100") @Max(value = 100, message = "must be at most 100") Integer priority,
		@Nullable Instant runAt,
		@Nullable @Min(value = 0, message = "must be 0 or more") @Max(value = 31_536_000,
				message = "must be at most a year") Long delaySeconds,
		@Nullable @Min(value = 1, message = "must be at least 1") @Max(value = 100,
				message = "must be at most 100") Integer maxAttempts,
		@Nullable @Min(value = 1, message = "must be at least 1") @Max(value = 86_400,
				message = "must be at most a day") Integer timeoutSeconds,
		@Nullable @Size(max = 200, message = "must be at most 200 characters") String idempotencyKey) {
}
