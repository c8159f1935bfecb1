package dev.nori.jobs.retention;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.nori.jobs.JobServiceIT;
import dev.nori.jobs.config.JobProperties;
import dev.nori.jobs.queue.JobQueue;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

import static org.assertj.core.api.Assertions.assertThat;

class FinishedJobPurgeIT extends JobServiceIT {

	@Autowired
	private JobQueue queue;

	@Autowired
	private JobProperties properties;

	@Autowired
	private ScheduledTaskHolder scheduled;

	@Test
	void succeededAndCancelledJobsPastTheRetentionAreDeletedInBatchesAndTheRestKept() {
		String queueName = "purge-" + UUID.randomUUID().toString().substring(0, 8);
		String key = "order-" + UUID.randomUUID();
		String oldSucceeded = finished(queueName, "succeeded", Duration.ofDays(8), key);
		String recentSucceeded = finished(queueName, "succeeded", Duration.ofDays(1), null);
		String oldCancelled = finished(queueName, "cancelled", Duration.ofDays(8), null);
		String oldDead = finished(queueName, "dead", Duration.ofDays(8), null);
		for (int i = 0; i < 3; i++) {
			finished(queueName, "succeeded", Duration.ofDays(30), null);
		}
		String waiting = enqueue(
				Map.of("type", "test.count", "queue", queueName, "payload", Map.of(), "delaySeconds", 3600))
			.get("id")
			.asString();
		// two per statement: the five old ones take three statements
		JobProperties.Retention retention = new JobProperties.Retention(Duration.ofDays(7), Duration.ofMinutes(10), 2);
		FinishedJobPurge purge = new FinishedJobPurge(this.queue, withRetention(retention), this.clock);

		assertThat(purge.purge()).isGreaterThanOrEqualTo(5);

		assertThat(
				this.jdbc.sql("select id::text from jobs where queue = ?").param(queueName).query(String.class).set())
			.containsExactlyInAnyOrder(recentSucceeded, oldDead, waiting)
			.doesNotContain(oldSucceeded, oldCancelled);
		// the idempotency key went with its job
		HttpResponse<String> again = send("POST", "/api/jobs", Map.of("type", "test.count", "queue", queueName,
				"payload", Map.of(), "idempotencyKey", key, "delaySeconds", 3600), token(MANAGER));
		assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
	}

	@Test
	void thePurgeRunsOnTheConfiguredInterval() {
		assertThat(this.scheduled.getScheduledTasks()).anySatisfy((task) -> {
			assertThat(task.getTask()).isInstanceOfSatisfying(FixedDelayTask.class,
					(fixed) -> assertThat(fixed.getIntervalDuration()).isEqualTo(Duration.ofMinutes(10)));
			assertThat(task.getTask().getRunnable().toString()).contains("FinishedJobPurge");
		});
	}

	private String finished(String queueName, String state, Duration ago, String idempotencyKey) {
		Map<String, Object> job = (idempotencyKey != null) ? Map.of("type", "test.count", "queue", queueName, "payload",
				Map.of(), "idempotencyKey", idempotencyKey)
				: Map.of("type", "test.count", "queue", queueName, "payload", Map.of());
		String id = enqueue(job).get("id").asString();
		Timestamp at = Timestamp.from(this.clock.instant().minus(ago));
		this.jdbc.sql("update jobs set state = ?, finished_at = ?, updated_at = ? where id = ?::uuid")
			.params(state, at, at, id)
			.update();
		return id;
	}

	private JobProperties withRetention(JobProperties.Retention retention) {
		return new JobProperties(this.properties.roles(), this.properties.defaults(), this.properties.worker(),
				this.properties.retry(), this.properties.events(), retention);
	}

}
