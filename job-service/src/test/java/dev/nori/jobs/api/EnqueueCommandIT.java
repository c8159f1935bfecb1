package dev.nori.jobs.api;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.nori.contracts.jobs.EnqueueJobRequested;
import dev.nori.eventing.outbox.Outbox;
import dev.nori.jobs.JobServiceIT;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Enqueue commands through the real Kafka broker (published the way other services do:
 * through an outbox).
 */
class EnqueueCommandIT extends JobServiceIT {

	@Autowired
	private Outbox outbox;

	@Autowired
	private TransactionTemplate transactions;

	@Test
	void commandsEnqueueOnceAndBadOnesEnqueueNothing() {
		String key = "command-" + UUID.randomUUID();
		String bad = "bad-" + UUID.randomUUID();
		this.transactions.executeWithoutResult((status) -> {
			command(new EnqueueJobRequested("no.such.type", null, Map.of(), null, null, null, null, bad));
			command(new EnqueueJobRequested("test.count", null, Map.of("key", key), null, null, 0, null, bad + "-2"));
			for (int i = 0; i < 3; i++) {
				command(new EnqueueJobRequested("test.count", null, Map.of("key", key), null, null, null, null, key));
			}
		});
		await().atMost(Duration.ofSeconds(20))
			.until(() -> TestJobs.EXECUTIONS.containsKey(key) && TestJobs.EXECUTIONS.get(key).get() == 1);
		assertThat(this.jdbc.sql("select count(*) from jobs where idempotency_key = ?")
			.param(key)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.jdbc.sql("select count(*) from jobs where idempotency_key like ?")
			.param(bad + "%")
			.query(Long.class)
			.single()).isZero();
	}

	private void command(EnqueueJobRequested command) {
		this.outbox.append(EnqueueJobRequested.TYPE, UUID.randomUUID().toString(), command);
	}

}
