package dev.nori.jobs.worker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.nori.contracts.jobs.JobEvents;
import dev.nori.eventing.outbox.Outbox;
import dev.nori.jobs.JobServiceIT;
import dev.nori.jobs.config.JobProperties;
import dev.nori.jobs.queue.Backoff;
import dev.nori.jobs.queue.Job;
import dev.nori.jobs.queue.JobQueue;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code nori.jobs.events.succeeded}: a success is announced by default, and not at all
 * when switched off (failures are announced either way).
 */
class SuccessEventsIT extends JobServiceIT {

	@Autowired
	private JobQueue queue;

	@Autowired
	private Outbox outbox;

	@Autowired
	private Backoff backoff;

	@Autowired
	private JobProperties properties;

	@Autowired
	private TransactionTemplate transactions;

	@Test
	void successesAreAnnouncedUnlessSwitchedOff() {
		Completions announcing = completions(true);
		Completions silent = completions(false);
		String queueName = "events-" + UUID.randomUUID().toString().substring(0, 8);
		String announced = enqueue(Map.of("type", "noop", "payload", Map.of(), "queue", queueName)).get("id")
			.asString();
		String unannounced = enqueue(Map.of("type", "noop", "payload", Map.of(), "queue", queueName)).get("id")
			.asString();
		List<Job> claimed = this.queue.claim("events-test", List.of(queueName), 2, Duration.ofMinutes(1));
		assertThat(claimed).hasSize(2);
		for (Job job : claimed) {
			Completions completions = job.id().toString().equals(announced) ? announcing : silent;
			Integer written = this.transactions.execute((status) -> completions.succeededAll(List.of(job)));
			assertThat(written).isOne();
		}
		assertThat(job(announced).get("state").asString()).isEqualTo("succeeded");
		assertThat(job(unannounced).get("state").asString()).isEqualTo("succeeded");
		assertThat(events(JobEvents.SUCCEEDED.name(), announced)).isOne();
		assertThat(events(JobEvents.SUCCEEDED.name(), unannounced)).isZero();
	}

	private Completions completions(boolean announceSuccesses) {
		JobProperties settings = new JobProperties(this.properties.roles(), this.properties.defaults(),
				this.properties.worker(), this.properties.retry(), new JobProperties.Events(announceSuccesses),
				this.properties.retention());
		return new Completions(this.queue, this.outbox, this.backoff, settings, this.transactions);
	}

}
