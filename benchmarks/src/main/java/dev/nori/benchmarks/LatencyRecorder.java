package dev.nori.benchmarks;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pairs the moment an event's transaction (or send) began with the moment a consumer
 * handled it, by the event's sequence number.
 */
final class LatencyRecorder {

	private final Map<Long, Long> started = new ConcurrentHashMap<>();

	private final Map<Long, Long> latencies = new ConcurrentHashMap<>();

	private final AtomicLong duplicates = new AtomicLong();

	void started(long id, long nanos) {
		this.started.put(id, nanos);
	}

	void received(long id, long nanos) {
		Long start = this.started.get(id);
		if (start != null && this.latencies.putIfAbsent(id, nanos - start) != null) {
			this.duplicates.incrementAndGet();
		}
	}

	int expected() {
		return this.started.size();
	}

	int received() {
		return this.latencies.size();
	}

	long duplicates() {
		return this.duplicates.get();
	}

	Summary summary() {
		long[] sorted = this.latencies.values().stream().mapToLong(Long::longValue).sorted().toArray();
		return new Summary(this.started.size(), sorted.length, percentile(sorted, 50), percentile(sorted, 90),
				percentile(sorted, 99), (sorted.length > 0) ? sorted[sorted.length - 1] : 0);
	}

	private static long percentile(long[] sorted, double percentile) {
		if (sorted.length == 0) {
			return 0;
		}
		int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	record Summary(int sent, int received, long p50, long p90, long p99, long max) {

		String describe() {
			return String.format(java.util.Locale.ROOT,
					"sent %d, received %d, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms", this.sent,
					this.received, ms(this.p50), ms(this.p90), ms(this.p99), ms(this.max));
		}

		static double ms(long nanos) {
			return nanos / 1_000_000.0;
		}

	}

	static String ratio(long value, long baseline) {
		return (baseline == 0) ? "n/a" : String.format(java.util.Locale.ROOT, "%.2fx", (double) value / baseline);
	}

}
