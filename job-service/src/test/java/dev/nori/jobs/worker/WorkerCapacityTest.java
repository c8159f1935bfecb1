package dev.nori.jobs.worker;

import java.time.Duration;
import java.util.List;

import dev.nori.jobs.config.JobProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WorkerCapacityTest {

	private static final long MICROSECOND = 1_000;

	private static final long SECOND = 1_000_000_000;

	private static JobProperties.Worker worker(int threads, Duration holdAhead) {
		return new JobProperties.Worker(threads, List.of("default"), 64, 4, holdAhead, Duration.ofSeconds(1),
				Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(20));
	}

	@Test
	void untilAJobRanAWorkerHoldsItsThreadsTimesClaimAhead() {
		assertThat(Worker.capacity(worker(8, Duration.ofMillis(50)), 0)).isEqualTo(32);
	}

	@Test
	void shortJobsAreHeldForTheHoldAheadTimeUpToFourBatches() {
		// 8 threads × 50 ms / 2 ms = 200 jobs
		assertThat(Worker.capacity(worker(8, Duration.ofMillis(50)), 2_000 * MICROSECOND)).isEqualTo(200);
		// no-op jobs: 8 × 50 ms / 50 µs would be 8,000, four batches of 64 at most
		assertThat(Worker.capacity(worker(8, Duration.ofMillis(50)), 50 * MICROSECOND)).isEqualTo(256);
	}

	@Test
	void slowJobsAreHeldNoMoreThanThreadsTimesClaimAhead() {
		assertThat(Worker.capacity(worker(8, Duration.ofMillis(50)), 10 * SECOND)).isEqualTo(32);
		assertThat(Worker.capacity(worker(32, Duration.ofMillis(50)), 30 * MICROSECOND * 1000)).isEqualTo(128);
	}

	@Test
	void aZeroHoldAheadHoldsThreadsTimesClaimAheadWhateverTheJobsTake() {
		assertThat(Worker.capacity(worker(8, Duration.ZERO), 50 * MICROSECOND)).isEqualTo(32);
	}

}
