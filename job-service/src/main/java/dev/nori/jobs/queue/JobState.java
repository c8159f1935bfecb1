package dev.nori.jobs.queue;

import java.util.Locale;
import java.util.Set;

/**
 * Where a job is: {@code scheduled → available → running → succeeded | retrying | dead},
 * {@code retrying → running} again, and {@code cancelled} from any waiting state.
 */
public enum JobState {

	/** Waiting for its run-at time. */
	SCHEDULED,
	/** Ready to be claimed. */
	AVAILABLE,
	/** Claimed by a worker that holds its lease. */
	RUNNING,
	/** Done. */
	SUCCEEDED,
	/** Failed an attempt; waits for its backoff before the next. */
	RETRYING,
	/** Out of attempts; waits for a redrive or deletion. */
	DEAD,
	/** Cancelled before it ran. */
	CANCELLED;

	static final Set<JobState> WAITING = Set.of(SCHEDULED, AVAILABLE, RETRYING);

	static final Set<JobState> FINISHED = Set.of(SUCCEEDED, DEAD, CANCELLED);

	/**
	 * Returns the state's name in the API and the database.
	 * @return the lower-case name
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Reads a state.
	 * @param value its lower-case name
	 * @return the state
	 */
	public static JobState of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

	/**
	 * Returns whether a job in this state may be cancelled.
	 * @return whether it is still waiting to run
	 */
	public boolean canCancel() {
		return WAITING.contains(this);
	}

}
