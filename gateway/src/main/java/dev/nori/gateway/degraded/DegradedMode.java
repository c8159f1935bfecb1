package dev.nori.gateway.degraded;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;

/**
 * Records requests handled without a backing store (Redis for rate limits or
 * revocations): each one is counted in a metric; a warning is logged at most once a
 * minute, so an outage does not bury the log.
 */
public final class DegradedMode {

	private static final long LOG_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();

	private final Logger log;

	private final String warning;

	private final Counter counter;

	private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);

	/**
	 * Creates the bookkeeping of one degraded path.
	 * @param meterName the counter's name (for example
	 * {@code nori.gateway.ratelimit.unavailable})
	 * @param description what the counter counts
	 * @param log where the warning goes
	 * @param warning the warning, with one {@code {}} for the cause
	 * @param meters the registry
	 */
	public DegradedMode(String meterName, String description, Logger log, String warning, MeterRegistry meters) {
		this.log = log;
		this.warning = warning;
		this.counter = Counter.builder(meterName).description(description).register(meters);
	}

	/**
	 * Counts one request handled in degraded mode, and warns unless that was done in the
	 * last minute.
	 * @param cause why the store could not be used
	 */
	public void record(Throwable cause) {
		this.counter.increment();
		long now = System.nanoTime();
		long last = this.lastWarning.get();
		if (now - last >= LOG_INTERVAL_NANOS && this.lastWarning.compareAndSet(last, now)) {
			this.log.warn(this.warning, cause.toString());
		}
	}

}
