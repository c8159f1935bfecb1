package dev.nori.contracts.jobs;

import dev.nori.contracts.event.EventType;
import dev.nori.contracts.event.Topics;

/**
 * The job lifecycle events, each carrying a {@link JobAttempted}.
 */
public final class JobEvents {

	/** An attempt succeeded; the job is done. */
	public static final EventType<JobAttempted> SUCCEEDED = type("succeeded");

	/** An attempt failed; the job runs again at {@code nextRunAt}. */
	public static final EventType<JobAttempted> FAILED = type("failed");

	/** The last attempt failed; the job is dead until redriven. */
	public static final EventType<JobAttempted> DEAD = type("dead");

	private JobEvents() {
	}

	private static EventType<JobAttempted> type(String outcome) {
		return EventType.of("nori.jobs.job." + outcome + ".v1", Topics.JOBS_EVENTS, JobAttempted.class);
	}

}
