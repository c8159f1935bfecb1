package dev.nori.jobs.retention;

import java.time.Clock;
import java.time.Instant;

import dev.nori.jobs.config.JobProperties;
import dev.nori.jobs.queue.JobQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Deletes, every {@code nori.jobs.retention.interval}, the succeeded and cancelled jobs
 * that finished longer than {@code nori.jobs.retention.finished} ago, a batch per
 * statement. Every instance runs it; instances skip each other's rows.
 */
@Component
class FinishedJobPurge implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(FinishedJobPurge.class);

	private final JobQueue queue;

	private final JobProperties.Retention retention;

	private final Clock clock;

	FinishedJobPurge(JobQueue queue, JobProperties properties, Clock clock) {
		this.queue = queue;
		this.retention = properties.retention();
		this.clock = clock;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(this::purgeOnSchedule, this.retention.interval());
	}

	/**
	 * Deletes every finished job past the retention.
	 * @return how many were deleted
	 */
	int purge() {
		Instant before = this.clock.instant().minus(this.retention.finished());
		int total = 0;
		int deleted;
		do {
			deleted = this.queue.purgeFinished(before, this.retention.batchSize());
			total += deleted;
		}
		while (deleted == this.retention.batchSize());
		return total;
	}

	private void purgeOnSchedule() {
		try {
			int deleted = purge();
			if (deleted > 0) {
				log.info("Deleted {} jobs that finished more than {} ago", deleted, this.retention.finished());
			}
		}
		catch (RuntimeException ex) {
			log.warn("Deleting finished jobs failed, tried again in {}: {}", this.retention.interval(), ex.toString());
		}
	}

}
