package dev.nori.jobs.queue;

import java.time.Duration;

import dev.nori.jobs.config.JobProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

	@Test
	void delaysGrowByTheMultiplierUpToTheCap() {
		Backoff backoff = new Backoff(new JobProperties.Retry(Duration.ofSeconds(1), Duration.ofSeconds(30), 2, 0),
				() -> 0.99);
		assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(1));
		assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(2));
		assertThat(backoff.after(5)).isEqualTo(Duration.ofSeconds(16));
		assertThat(backoff.after(6)).isEqualTo(Duration.ofSeconds(30));
		assertThat(backoff.after(60)).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void jitterTakesOffAtMostItsShare() {
		JobProperties.Retry retry = new JobProperties.Retry(Duration.ofSeconds(10), Duration.ofMinutes(10), 2, 0.2);
		assertThat(new Backoff(retry, () -> 0.0).after(1)).isEqualTo(Duration.ofSeconds(10));
		assertThat(new Backoff(retry, () -> 0.5).after(1)).isEqualTo(Duration.ofSeconds(9));
		assertThat(new Backoff(retry, () -> 0.999999).after(1)).isGreaterThan(Duration.ofMillis(7999));
	}

}
