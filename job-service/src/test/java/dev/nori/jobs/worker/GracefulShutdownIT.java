package dev.nori.jobs.worker;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import dev.nori.eventing.tracing.TraceParents;
import dev.nori.jobs.JobServiceIT;
import dev.nori.jobs.config.JobProperties;
import dev.nori.jobs.handler.JobHandlers;
import dev.nori.jobs.queue.JobQueue;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A second worker of its own, on a queue of its own, stopped while it works. */
class GracefulShutdownIT extends JobServiceIT {

	@Autowired
	private JobQueue queue;

	@Autowired
	private Completions completions;

	@Autowired
	private JobHandlers handlers;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private JobProperties properties;

	@Autowired
	private Clock clock;

	@Test
	void onStopRunningJobsFinishWithinTheGraceAndTheRestGoBack() {
		String queueName = "shutdown-" + java.util.UUID.randomUUID().toString().substring(0, 8);
		JobProperties settings = new JobProperties(Set.of(JobProperties.Role.WORKER), this.properties.defaults(),
				new JobProperties.Worker(4, List.of(queueName), 8, 1.0, Duration.ZERO, Duration.ofMillis(200),
						Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(3)),
				this.properties.retry(), this.properties.events(), this.properties.retention());
		Worker worker = new Worker(this.queue, this.completions, this.handlers, this.transactions, this.dataSource,
				settings, this.clock, TraceParents.none());
		worker.start();
		List<String> slow = List.of(
				enqueue(Map.of("type", "test.sleep", "queue", queueName, "payload", Map.of("millis", 60_000))).get("id")
					.asString(),
				enqueue(Map.of("type", "test.sleep", "queue", queueName, "payload", Map.of("millis", 60_000))).get("id")
					.asString());
		String quick = enqueue(Map.of("type", "test.sleep", "queue", queueName, "payload", Map.of("millis", 1500)))
			.get("id")
			.asString();
		await().atMost(Duration.ofSeconds(5)).until(() -> worker.runningJobs() == 3);
		worker.stop();

		assertThat(job(quick).get("state").asString()).isEqualTo("succeeded");
		for (String id : slow) {
			assertThat(job(id).get("state").asString()).isEqualTo("available");
			assertThat(job(id).get("attempts").asInt()).isZero();
		}
		assertThat(this.jdbc.sql("select count(*) from jobs where id::text = any(?) and state = 'running'")
			.param(new String[] { quick, slow.get(0), slow.get(1) })
			.query(Long.class)
			.single()).isZero();
		// nobody serves the queue: leave nothing behind for the next run
		this.jdbc.sql("update jobs set state = 'cancelled' where queue = ? and state = 'available'")
			.param(queueName)
			.update();
	}

	// claimed jobs held by the time they take: short ones by the batch, not a
	// few per thread
	@Test
	void aWorkerOfShortJobsHoldsMoreOfThemOnceItHasTimedSome() {
		String queueName = "short-" + java.util.UUID.randomUUID().toString().substring(0, 8);
		JobProperties settings = new JobProperties(Set.of(JobProperties.Role.WORKER), this.properties.defaults(),
				new JobProperties.Worker(2, List.of(queueName), 8, 1.0, Duration.ofMillis(50), Duration.ofMillis(200),
						Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(3)),
				this.properties.retry(), this.properties.events(), this.properties.retention());
		Worker worker = new Worker(this.queue, this.completions, this.handlers, this.transactions, this.dataSource,
				settings, this.clock, TraceParents.none());
		assertThat(worker.capacity()).isEqualTo(2);
		worker.start();
		try {
			List<String> ids = new java.util.ArrayList<>();
			for (int i = 0; i < 20; i++) {
				ids.add(enqueue(Map.of("type", "test.sleep", "queue", queueName, "payload", Map.of("millis", 1)))
					.get("id")
					.asString());
			}
			await().atMost(Duration.ofSeconds(10))
				.until(() -> ids.stream().allMatch((id) -> "succeeded".equals(job(id).get("state").asString())));
			// 2 threads × 50 ms / a few milliseconds each, at most four batches of 8
			assertThat(worker.capacity()).isGreaterThan(8).isLessThanOrEqualTo(32);
		}
		finally {
			worker.stop();
		}
	}

}
