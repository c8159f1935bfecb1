package dev.nori.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lease sizes against the shared Redis, on a clock the test moves: a caller that spends
 * its leases quickly gets larger ones, up to the most allowed; one whose leases last
 * shrinks back; one refused at an empty bucket does not grow.
 */
class LeasedTokenBucketsTest {

	private static final String PREFIX = "test-leases-" + UUID.randomUUID() + ":";

	private static LettuceConnectionFactory connections;

	private static ReactiveStringRedisTemplate redis;

	private final AtomicLong now = new AtomicLong();

	// the lease sizes asked of Redis, in order
	private final List<Integer> asked = new CopyOnWriteArrayList<>();

	private final RedisTokenBuckets counted = new RedisTokenBuckets(redis, PREFIX) {

		@Override
		Mono<Lease> lease(String key, RateLimitProperties.Policy policy, int count) {
			LeasedTokenBucketsTest.this.asked.add(count);
			return super.lease(key, policy, count);
		}

	};

	private final LeasedTokenBuckets buckets = new LeasedTokenBuckets(this.counted, 200, this.now::get);

	@BeforeAll
	static void connect() {
		connections = new LettuceConnectionFactory("127.0.0.1", 6379);
		connections.afterPropertiesSet();
		connections.start();
		redis = new ReactiveStringRedisTemplate(connections);
	}

	@AfterAll
	static void disconnect() {
		// the test's buckets refill so slowly that Redis would keep them for years
		redis.keys(PREFIX + "*").flatMap(redis::delete).blockLast(Duration.ofSeconds(5));
		connections.destroy();
	}

	@Test
	void aCallerThatSpendsItsLeasesQuicklyGetsLargerOnesUpToTheMost() {
		RateLimitProperties.Policy policy = new RateLimitProperties.Policy("/**", 100_000, 0.001);

		assertThat(admit("fast", policy, 1_000)).isEqualTo(1_000);

		// the clock stood still: every lease was spent at once
		assertThat(this.asked).startsWith(20, 40, 80, 160, 200);
		assertThat(this.asked.subList(4, this.asked.size())).containsOnly(200);
		long charged = 100_000 - remaining("fast", policy);
		assertThat(charged).isEqualTo(this.asked.stream().mapToLong(Integer::longValue).sum())
			.isBetween(1_000L, 1_000L + 300);
	}

	@Test
	void aCallerWhoseLeasesLastGetsSmallerOnesButNotBelowTheFirst() {
		RateLimitProperties.Policy policy = new RateLimitProperties.Policy("/**", 100_000, 0.001);
		admit("slowing", policy, 400);
		assertThat(this.asked).endsWith(200);

		int before = this.asked.size();
		// one request every two seconds from now on
		assertThat(admit("slowing", policy, 400, Duration.ofSeconds(2))).isEqualTo(400);

		assertThat(this.asked.subList(before, this.asked.size())).startsWith(100, 50, 25, 20).endsWith(20);
	}

	@Test
	void aCallerRefusedAtAnEmptyBucketKeepsAskingForTheFirstLease() {
		RateLimitProperties.Policy policy = new RateLimitProperties.Policy("/**", 2_000, 0.001);
		// another instance took every token
		assertThat(this.counted.lease("refused", policy, 2_000).block().taken()).isEqualTo(2_000);
		this.asked.clear();

		assertThat(admit("refused", policy, 10)).isZero();

		assertThat(this.asked).hasSize(10).containsOnly(20);
	}

	private int admit(String caller, RateLimitProperties.Policy policy, int count) {
		return admit(caller, policy, count, Duration.ZERO);
	}

	// tries count requests as the rate-limit filter does, the clock moving by apart
	// before each; answers how many were admitted
	private int admit(String caller, RateLimitProperties.Policy policy, int count, Duration apart) {
		int admitted = 0;
		for (int i = 0; i < count; i++) {
			this.now.addAndGet(apart.toNanos());
			Decision decision = this.buckets.takeAtHand(caller, policy);
			if (decision == null) {
				decision = this.buckets.take(caller, policy).block(Duration.ofSeconds(5));
			}
			admitted += decision.allowed() ? 1 : 0;
		}
		return admitted;
	}

	private long remaining(String caller, RateLimitProperties.Policy policy) {
		// a lease of nothing reads the bucket without charging it
		return this.counted.lease(caller, policy, 0).block(Duration.ofSeconds(5)).remaining();
	}

}
