package dev.nori.jobs.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.nori.jobs.queue.Job;
import dev.nori.jobs.queue.JobQueue;
import dev.nori.jobs.queue.JobState;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the dashboard shows, read in one transaction: queues with counts by state and
 * throughput, dead jobs, recent failures, recently finished jobs.
 */
@Component
class DashboardPanel {

	static final int DEAD_SHOWN = 50;

	private static final int RECENT_SHOWN = 15;

	private final JobQueue queue;

	private final Clock clock;

	DashboardPanel(JobQueue queue, Clock clock) {
		this.queue = queue;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	DashboardContents read() {
		Instant now = this.clock.instant();
		Map<String, Map<String, Long>> stats = this.queue.stats();
		Map<String, long[]> succeeded = this.queue.succeededSince(now.minus(Duration.ofMinutes(1)),
				now.minus(Duration.ofHours(1)));
		TreeSet<String> names = new TreeSet<>(stats.keySet());
		List<QueueRow> queues = names.stream().map((name) -> {
			long[] counts = succeeded.getOrDefault(name, new long[2]);
			return new QueueRow(name, stats.getOrDefault(name, Map.of()), counts[0], counts[1]);
		}).toList();
		List<Job> dead = this.queue.list(new JobQueue.Filter(JobState.DEAD, null, null, null), DEAD_SHOWN, 0);
		long deadTotal = this.queue.count(new JobQueue.Filter(JobState.DEAD, null, null, null));
		return new DashboardContents(queues, dead, deadTotal, this.queue.recentFailures(RECENT_SHOWN),
				this.queue.recentlyFinished(RECENT_SHOWN), now);
	}

}
