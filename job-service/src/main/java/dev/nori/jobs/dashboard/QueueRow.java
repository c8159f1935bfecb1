package dev.nori.jobs.dashboard;

import java.util.Map;

/**
 * One queue on the dashboard (public: the template reads it).
 *
 * @param name the queue
 * @param counts jobs by state
 * @param lastMinute jobs succeeded in the last minute
 * @param lastHour jobs succeeded in the last hour
 */
public record QueueRow(String name, Map<String, Long> counts, long lastMinute, long lastHour) {

	/**
	 * Returns how many of the queue's jobs are in a state.
	 * @param state the state
	 * @return the count
	 */
	public long count(String state) {
		return this.counts.getOrDefault(state, 0L);
	}

}
