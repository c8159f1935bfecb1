package dev.nori.jobs.dashboard;

import java.time.Instant;
import java.util.List;

import dev.nori.jobs.queue.Job;

/**
 * What the dashboard's panel shows (public: the template reads it).
 *
 * @param queues every queue that has jobs
 * @param dead the newest dead jobs
 * @param deadTotal how many jobs are dead
 * @param failures jobs whose last attempt failed, latest first
 * @param finished jobs that finished most recently
 * @param at when it was read
 */
public record DashboardContents(List<QueueRow> queues, List<Job> dead, long deadTotal, List<Job> failures,
		List<Job> finished, Instant at) {
}
