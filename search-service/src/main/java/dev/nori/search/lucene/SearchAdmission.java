package dev.nori.search.lucene;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import dev.nori.servicedefaults.problem.ProblemException;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * How many searches run at once, the rest waiting their turn in arrival order.
 * <p>
 * A search is pure CPU. Run side by side beyond the cores, searches share them in time
 * slices, and a long one is sliced until it has waited for every other: with eight
 * clients on two cores the slowest hundredth took one and a half to two times as long as
 * when they queued. Elasticsearch bounds its search pool the same way. A search that
 * waits longer than the queue timeout is refused as 503 with {@code Retry-After}, rather
 * than piling up.
 */
final class SearchAdmission {

	private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

	private final Semaphore permits;

	private final int limit;

	private final Duration queueTimeout;

	private final AtomicLong refused = new AtomicLong();

	/**
	 * Creates the admission.
	 * @param limit how many searches run at once
	 * @param queueTimeout how long a search may wait for its turn
	 */
	SearchAdmission(int limit, Duration queueTimeout) {
		if (limit < 1) {
			throw new IllegalArgumentException("At least one search must be allowed to run, not " + limit);
		}
		this.limit = limit;
		this.permits = new Semaphore(limit, true);
		this.queueTimeout = queueTimeout;
	}

	/**
	 * Creates the admission the properties ask for.
	 * @param properties the engine's properties; a limit of 0 means Elasticsearch's
	 * search pool size, one and a half searches per core and one more, so that a core
	 * does not idle while a search thread is descheduled
	 * @return the admission
	 */
	static SearchAdmission of(LuceneProperties properties) {
		int limit = (properties.maxConcurrentSearches() > 0) ? properties.maxConcurrentSearches()
				: Runtime.getRuntime().availableProcessors() * 3 / 2 + 1;
		return new SearchAdmission(limit, properties.searchQueueTimeout());
	}

	/**
	 * Runs a search when its turn comes.
	 * @param <T> what the search answers
	 * @param search the search
	 * @return its answer
	 * @throws ProblemException (503) when the turn did not come within the queue timeout
	 */
	<T> T run(Supplier<T> search) {
		try {
			if (!this.permits.tryAcquire(this.queueTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
				this.refused.incrementAndGet();
				throw ProblemException.unavailable("The search service is busy. Try again shortly.", RETRY_AFTER);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw ProblemException.unavailable("The search was interrupted before it started.", RETRY_AFTER);
		}
		try {
			return search.get();
		}
		finally {
			this.permits.release();
		}
	}

	/**
	 * Publishes {@code nori_search_waiting} (searches waiting for their turn) and
	 * {@code nori_search_refused_total} (searches refused after the queue timeout).
	 * @param registry where to publish them
	 */
	void bindTo(MeterRegistry registry) {
		Gauge.builder("nori.search.waiting", this.permits, Semaphore::getQueueLength)
			.description("Searches waiting for their turn")
			.register(registry);
		FunctionCounter.builder("nori.search.refused", this.refused, AtomicLong::get)
			.description("Searches refused because their turn did not come within the queue timeout")
			.register(registry);
	}

	/**
	 * Returns how many searches run at once.
	 * @return the limit
	 */
	int limit() {
		return this.limit;
	}

	/**
	 * Returns how many searches wait for their turn, about.
	 * @return the searches waiting
	 */
	int waiting() {
		return this.permits.getQueueLength();
	}

}
