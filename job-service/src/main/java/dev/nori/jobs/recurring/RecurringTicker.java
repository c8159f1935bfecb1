package dev.nori.jobs.recurring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Ticks the schedules in every instance; the database decides which instance enqueues.
 */
@Component
class RecurringTicker {

	private static final Logger log = LoggerFactory.getLogger(RecurringTicker.class);

	private final RecurringJobs recurring;

	RecurringTicker(RecurringJobs recurring) {
		this.recurring = recurring;
	}

	@Scheduled(fixedDelayString = "${nori.jobs.recurring-tick:1s}")
	void tick() {
		try {
			this.recurring.tick();
		}
		catch (RuntimeException ex) {
			log.warn("Enqueuing recurring jobs failed: {}", ex.toString());
		}
	}

}
