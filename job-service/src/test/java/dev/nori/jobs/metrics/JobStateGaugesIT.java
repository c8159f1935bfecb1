package dev.nori.jobs.metrics;

import java.util.Map;
import java.util.UUID;

import dev.nori.jobs.JobServiceIT;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code nori.jobs{queue, state}} follows the queue: every state of a queue is reported,
 * zero included.
 */
class JobStateGaugesIT extends JobServiceIT {

	@Autowired
	private JobStateGauges gauges;

	@Autowired
	private MeterRegistry meters;

	@Test
	void jobsAreCountedByQueueAndState() {
		String queue = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
		enqueue(Map.of("type", "noop", "payload", Map.of(), "queue", queue, "delaySeconds", 3600));
		enqueue(Map.of("type", "noop", "payload", Map.of(), "queue", queue, "delaySeconds", 3600));
		// no worker takes jobs from this queue: the third one stays available
		enqueue(Map.of("type", "noop", "payload", Map.of(), "queue", queue));

		this.gauges.refresh();

		assertThat(count(queue, "scheduled")).isEqualTo(2);
		assertThat(count(queue, "available")).isEqualTo(1);
		assertThat(count(queue, "dead")).isZero();
		assertThat(count(queue, "running")).isZero();
	}

	private double count(String queue, String state) {
		return this.meters.get("nori.jobs").tag("queue", queue).tag("state", state).gauge().value();
	}

}
