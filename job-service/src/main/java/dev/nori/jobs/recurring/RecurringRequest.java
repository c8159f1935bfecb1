package dev.nori.jobs.recurring;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A recurring job.
 *
 * @param cron a Spring cron expression with seconds ({@code 0 0 3 * * *}: 03:00 daily) or
 * a macro ({@code @hourly})
 * @param zone the time zone the expression is read in; UTC when absent
 * @param type the job type
 * @param queue the queue; the default when absent
 * @param payload the payload of every job it enqueues
 */
record RecurringRequest(@NotBlank(message = "is required") @Size(max = 100) String cron,
		@Nullable @Size(max = 64) String zone,
		@NotBlank(message = "is required") @Size(max = 100) @Pattern(regexp = "[a-z][a-z0-9._-]*",
				message = "must be lower-case letters, digits, dots, hyphens") String type,
		@Nullable @Size(max = 100) @Pattern(regexp = "[a-z][a-z0-9._-]*",
				message = "must be lower-case letters, digits, dots, hyphens") String queue,
		@NotNull(message = "is required") JsonNode payload) {
}
