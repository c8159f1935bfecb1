package dev.nori.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * A closed-loop HTTP load generator: a fixed number of connections, each sending the next
 * GET as soon as the previous answer arrived, for a fixed time; every latency is kept, so
 * percentiles are exact.
 */
final class LoadGenerator {

	private static final int MAX_SAMPLES = 20_000_000;

	private final int connections;

	LoadGenerator(int connections) {
		this.connections = connections;
	}

	Result run(String url, String authorization, Duration duration) {
		long[] samples = new long[MAX_SAMPLES];
		AtomicInteger count = new AtomicInteger();
		AtomicLong failures = new AtomicLong();
		LoopResources loops = LoopResources.create("load", 1, true);
		ConnectionProvider pool = ConnectionProvider.builder("load")
			.maxConnections(this.connections)
			.pendingAcquireMaxCount(-1)
			.build();
		HttpClient client = HttpClient.create(pool).runOn(loops).headers((headers) -> {
			if (authorization != null) {
				headers.set(HttpHeaderNames.AUTHORIZATION, authorization);
			}
		});
		long start = System.nanoTime();
		long deadline = start + duration.toNanos();
		try {
			Flux.range(0, this.connections).flatMap((worker) -> Mono.defer(() -> {
				long sent = System.nanoTime();
				return client.get()
					.uri(url)
					.responseSingle((response, body) -> body.asByteArray()
						.defaultIfEmpty(new byte[0])
						.map((bytes) -> response.status().code()))
					.doOnNext((status) -> {
						if (status != 200) {
							failures.incrementAndGet();
						}
						int index = count.getAndIncrement();
						if (index < MAX_SAMPLES) {
							samples[index] = System.nanoTime() - sent;
						}
					})
					.onErrorResume((ex) -> {
						failures.incrementAndGet();
						return Mono.empty();
					});
			}).repeat(() -> System.nanoTime() < deadline).then(), this.connections).blockLast();
		}
		finally {
			pool.disposeLater().block();
			loops.disposeLater().block();
		}
		long elapsed = System.nanoTime() - start;
		int n = Math.min(count.get(), MAX_SAMPLES);
		long[] sorted = Arrays.copyOf(samples, n);
		Arrays.sort(sorted);
		return new Result(n, failures.get(), n / (elapsed / 1e9), percentile(sorted, 50), percentile(sorted, 99));
	}

	private static long percentile(long[] sorted, double percentile) {
		if (sorted.length == 0) {
			return 0;
		}
		int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	/**
	 * What one run measured.
	 *
	 * @param requests answered requests
	 * @param failures requests that failed or did not answer 200
	 * @param perSecond answered requests per second
	 * @param p50 median latency in nanoseconds
	 * @param p99 99th percentile latency in nanoseconds
	 */
	record Result(int requests, long failures, double perSecond, long p50, long p99) {

		// the round with the median throughput, as measured (not a mix of rounds)
		static Result median(List<Result> rounds) {
			List<Result> sorted = rounds.stream().sorted(Comparator.comparingDouble(Result::perSecond)).toList();
			return sorted.get(sorted.size() / 2);
		}

		String describe() {
			return String.format(Locale.ROOT, "%8.0f req/s   p50 %6.2f ms   p99 %6.2f ms   (%d requests, %d failed)",
					this.perSecond, this.p50 / 1e6, this.p99 / 1e6, this.requests, this.failures);
		}

	}

}
