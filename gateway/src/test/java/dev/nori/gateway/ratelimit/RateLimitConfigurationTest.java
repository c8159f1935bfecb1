package dev.nori.gateway.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withUserConfiguration(RateLimitConfiguration.class)
		.withPropertyValues("nori.gateway.rate-limit.backend=memory");

	@Test
	void memoryBucketsAreAProductionProblemAndRedisIsNot() {
		RateLimitProductionCheck check = new RateLimitProductionCheck();
		assertThat(check.problems(new MockEnvironment().withProperty("nori.gateway.rate-limit.backend", "memory")))
			.singleElement()
			.asString()
			.contains("nori.gateway.rate-limit.backend", "use redis");
		assertThat(check.problems(new MockEnvironment().withProperty("nori.gateway.rate-limit.backend", "redis")))
			.isEmpty();
		assertThat(check.problems(new MockEnvironment())).as("the default").isEmpty();
	}

	@Test
	void memoryBucketsStartElsewhereWithALoudWarning() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(MemoryTokenBuckets.class));
	}

	@Test
	void memoryBucketsRefuseOnceEmptyAndRefill() {
		java.util.concurrent.atomic.AtomicLong millis = new java.util.concurrent.atomic.AtomicLong(1_000_000);
		java.time.Clock clock = new java.time.Clock() {
			@Override
			public java.time.ZoneId getZone() {
				return java.time.ZoneOffset.UTC;
			}

			@Override
			public java.time.Clock withZone(java.time.ZoneId zone) {
				return this;
			}

			@Override
			public java.time.Instant instant() {
				return java.time.Instant.ofEpochMilli(millis.get());
			}
		};
		MemoryTokenBuckets buckets = new MemoryTokenBuckets(clock);
		RateLimitProperties.Policy policy = new RateLimitProperties.Policy("/**", 2, 1);
		assertThat(buckets.take("k", policy).block().remaining()).isEqualTo(1);
		assertThat(buckets.take("k", policy).block().allowed()).isTrue();
		Decision refused = buckets.take("k", policy).block();
		assertThat(refused.allowed()).isFalse();
		assertThat(refused.retryAfterSeconds()).isEqualTo(1);
		millis.addAndGet(1000);
		assertThat(buckets.take("k", policy).block().allowed()).isTrue();
	}

}
