package dev.nori.jobs.worker;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.nori.contracts.jobs.JobAttempted;
import dev.nori.contracts.jobs.JobEvents;
import dev.nori.eventing.outbox.Outbox;
import dev.nori.jobs.config.JobProperties;
import dev.nori.jobs.queue.Backoff;
import dev.nori.jobs.queue.Job;
import dev.nori.jobs.queue.JobQueue;
import dev.nori.jobs.queue.JobState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes an attempt's outcome and its lifecycle event in one transaction. An outcome
 * whose lease was lost (the job was taken back and claimed again) changes nothing.
 * Transactions are programmatic: {@code @Transactional} looked the transaction manager's
 * qualifier up in annotations on every call, a cost per batch of successes.
 */
@Component
class Completions {

	private static final Logger log = LoggerFactory.getLogger(Completions.class);

	private final JobQueue queue;

	private final Outbox outbox;

	private final Backoff backoff;

	private final boolean announceSuccesses;

	private final TransactionTemplate transactions;

	Completions(JobQueue queue, Outbox outbox, Backoff backoff, JobProperties properties,
			TransactionTemplate transactions) {
		this.queue = queue;
		this.outbox = outbox;
		this.backoff = backoff;
		this.announceSuccesses = properties.events().succeeded();
		this.transactions = transactions;
	}

	int succeededAll(List<Job> jobs) {
		Integer done = this.transactions.execute((status) -> writeSuccesses(jobs));
		return (done != null) ? done : 0;
	}

	private int writeSuccesses(List<Job> jobs) {
		List<Job> done = this.queue.succeedAll(jobs);
		if (this.announceSuccesses) {
			this.outbox.appendAll(JobEvents.SUCCEEDED,
					done.stream()
						.map((finished) -> new Outbox.Subjected<>(finished.id().toString(), attempted(finished, null)))
						.toList());
		}
		if (done.size() < jobs.size()) {
			log.warn("{} jobs finished after their worker lost the lease; their outcome is discarded",
					jobs.size() - done.size());
		}
		return done.size();
	}

	boolean failed(Job job, String error) {
		return Boolean.TRUE.equals(this.transactions.execute((status) -> {
			Optional<Job> failed = this.queue.fail(job.id(), leaseOf(job), error, this.backoff);
			failed.ifPresentOrElse((after) -> announce(after, error), () -> lostLease(job));
			return failed.isPresent();
		}));
	}

	List<Job> reapExpired() {
		List<Job> reaped = this.transactions.execute((status) -> {
			List<Job> expired = this.queue.reapExpired(this.backoff);
			expired.forEach((job) -> announce(job, job.lastError()));
			return expired;
		});
		if (reaped == null) {
			return List.of();
		}
		reaped.forEach((job) -> log.warn("Job {} ({}) lost its worker's lease; attempt {} of {} counted as failed",
				job.id(), job.type(), job.attempts(), job.maxAttempts()));
		return reaped;
	}

	private void announce(Job job, String error) {
		this.outbox.append(switch (job.state()) {
			case SUCCEEDED -> JobEvents.SUCCEEDED;
			case DEAD -> JobEvents.DEAD;
			default -> JobEvents.FAILED;
		}, job.id().toString(), attempted(job, error));
	}

	private static JobAttempted attempted(Job job, String error) {
		return new JobAttempted(job.id(), job.type(), job.queue(), job.attempts(), job.maxAttempts(), error,
				(job.state() == JobState.RETRYING) ? job.runAt() : null, job.updatedAt(), job.enqueuedBy(),
				job.idempotencyKey());
	}

	private static void lostLease(Job job) {
		log.warn("Job {} finished after its worker lost the lease; the outcome is discarded", job.id());
	}

	private static UUID leaseOf(Job job) {
		if (job.leaseToken() == null) {
			throw new IllegalStateException("A claimed job without a lease token: " + job.id());
		}
		return job.leaseToken();
	}

}
