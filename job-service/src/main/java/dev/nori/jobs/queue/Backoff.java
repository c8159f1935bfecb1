package dev.nori.jobs.queue;

import java.time.Duration;
import java.util.function.DoubleSupplier;

import dev.nori.jobs.config.JobProperties;

/**
 * The delay before a retry: {@code initial × multiplier^(n-1)}, capped, less a random
 * share of up to {@code jitter} so that jobs failing together do not retry together.
 */
public final class Backoff {

	private final JobProperties.Retry retry;

	private final DoubleSupplier random;

	/**
	 * Creates the policy.
	 * @param retry the settings
	 * @param random a source of numbers in [0, 1)
	 */
	public Backoff(JobProperties.Retry retry, DoubleSupplier random) {
		this.retry = retry;
		this.random = random;
	}

	/**
	 * Returns the delay after a failed attempt.
	 * @param attempt the attempt that failed, from 1
	 * @return how long to wait
	 */
	public Duration after(int attempt) {
		double millis = this.retry.initial().toMillis() * Math.pow(this.retry.multiplier(), attempt - 1);
		double capped = Math.min(millis, this.retry.max().toMillis());
		double jittered = capped * (1 - this.retry.jitter() * this.random.getAsDouble());
		return Duration.ofMillis(Math.round(jittered));
	}

}
