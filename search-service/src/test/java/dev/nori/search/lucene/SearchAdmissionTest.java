package dev.nori.search.lucene;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.nori.contracts.problem.ProblemType;
import dev.nori.servicedefaults.problem.ProblemException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Searches taking turns: real threads, no clock but the queue timeout's.
 */
class SearchAdmissionTest {

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final CountDownLatch release = new CountDownLatch(1);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@AfterEach
	void stop() {
		this.release.countDown();
		this.threads.shutdownNow();
	}

	@Test
	void aSearchWaitsForItsTurnAndRunsWhenTheOneBeforeEnds() throws Exception {
		SearchAdmission admission = new SearchAdmission(1, Duration.ofMinutes(1));
		admission.bindTo(this.meters);
		Future<String> first = hold(admission);
		Future<String> second = this.threads.submit(() -> admission.run(() -> "second"));
		awaitWaiting(admission, 1);
		assertThat(second).isNotDone();
		assertThat(this.meters.get("nori.search.waiting").gauge().value()).isEqualTo(1);
		this.release.countDown();
		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
		assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("second");
	}

	@Test
	void aSearchThatWaitsLongerThanTheQueueTimeoutIsRefusedWith503() throws Exception {
		SearchAdmission admission = new SearchAdmission(1, Duration.ofMillis(50));
		admission.bindTo(this.meters);
		Future<String> first = hold(admission);
		assertThatExceptionOfType(ProblemException.class).isThrownBy(() -> admission.run(() -> "refused"))
			.satisfies((ex) -> {
				assertThat(ex.type()).isEqualTo(ProblemType.SERVICE_UNAVAILABLE);
				assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(1));
				assertThat(ex.getMessage()).isEqualTo("The search service is busy. Try again shortly.");
			});
		assertThat(this.meters.get("nori.search.refused").functionCounter().count()).isEqualTo(1);
		this.release.countDown();
		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
		assertThat(admission.run(() -> "later")).isEqualTo("later");
		assertThat(this.meters.get("nori.search.waiting").gauge().value()).isZero();
	}

	@Test
	void aFailedSearchGivesItsTurnBack() {
		SearchAdmission admission = new SearchAdmission(1, Duration.ofMillis(50));
		assertThatIllegalStateException().isThrownBy(() -> admission.run(() -> {
			throw new IllegalStateException("the index is closed");
		}));
		assertThat(admission.run(() -> "next")).isEqualTo("next");
	}

	@Test
	void neverMoreSearchesRunAtOnceThanTheLimit() throws Exception {
		SearchAdmission admission = new SearchAdmission(2, Duration.ofMinutes(1));
		AtomicInteger running = new AtomicInteger();
		AtomicInteger most = new AtomicInteger();
		AtomicInteger done = new AtomicInteger();
		List<Future<?>> clients = new ArrayList<>();
		for (int c = 0; c < 6; c++) {
			clients.add(this.threads.submit(() -> {
				for (int i = 0; i < 200; i++) {
					admission.run(() -> {
						most.accumulateAndGet(running.incrementAndGet(), Math::max);
						Thread.onSpinWait();
						running.decrementAndGet();
						return done.incrementAndGet();
					});
				}
			}));
		}
		for (Future<?> client : clients) {
			client.get(1, TimeUnit.MINUTES);
		}
		assertThat(done).hasValue(1200);
		assertThat(most.get()).isBetween(1, 2);
	}

	@Test
	void theDefaultLimitIsElasticsearchsSearchPoolSize() {
		int cores = Runtime.getRuntime().availableProcessors();
		assertThat(SearchAdmission.of(properties(0)).limit()).isEqualTo(cores * 3 / 2 + 1);
		assertThat(SearchAdmission.of(properties(7)).limit()).isEqualTo(7);
	}

	private static LuceneProperties properties(int maxConcurrentSearches) {
		return new LuceneProperties(Path.of("var/search"), "english", Duration.ofMillis(100), Duration.ofSeconds(5),
				maxConcurrentSearches, Duration.ofSeconds(5));
	}

	// a search that runs until the test releases it
	private Future<String> hold(SearchAdmission admission) throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		Future<String> search = this.threads.submit(() -> admission.run(() -> {
			started.countDown();
			try {
				this.release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return "first";
		}));
		assertThat(started.await(10, TimeUnit.SECONDS)).as("the first search started").isTrue();
		return search;
	}

	private static void awaitWaiting(SearchAdmission admission, int waiting) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (admission.waiting() < waiting) {
			assertThat(System.nanoTime()).as("%d searches waiting in time", waiting).isLessThan(deadline);
			Thread.sleep(1);
		}
	}

}
