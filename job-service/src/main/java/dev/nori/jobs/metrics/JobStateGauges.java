package dev.nori.jobs.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.nori.jobs.config.JobProperties;
import dev.nori.jobs.queue.JobQueue;
import dev.nori.jobs.queue.JobState;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code nori.jobs{queue, state}}: how many jobs each queue holds in each state. Counted
 * by a periodic query rather than on every scrape (one grouped count over the table), and
 * only by API processes, so that scaled-out workers do not report the same numbers again.
 */
@Component
class JobStateGauges {

	private final JobQueue queue;

	private final MultiGauge gauges;

	private final boolean reporting;

	JobStateGauges(JobQueue queue, MeterRegistry meters, JobProperties properties) {
		this.queue = queue;
		this.gauges = MultiGauge.builder("nori.jobs").description("Jobs by queue and state").register(meters);
		this.reporting = properties.roles().contains(JobProperties.Role.API);
	}

	@Scheduled(fixedDelayString = "${nori.jobs.metrics-refresh:15s}")
	void refresh() {
		if (!this.reporting) {
			return;
		}
		List<MultiGauge.Row<?>> rows = new ArrayList<>();
		for (Map.Entry<String, Map<String, Long>> queue : this.queue.stats().entrySet()) {
			// every state of a known queue, zero included: a drained queue reads
			// 0, not gone
			for (JobState state : JobState.values()) {
				long count = queue.getValue().getOrDefault(state.value(), 0L);
				rows.add(MultiGauge.Row.of(Tags.of("queue", queue.getKey(), "state", state.value()), count));
			}
		}
		this.gauges.register(rows, true);
	}

}
