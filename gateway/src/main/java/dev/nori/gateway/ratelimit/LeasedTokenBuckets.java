package dev.nori.gateway.ratelimit;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Redis buckets taken a few tokens at a time: a request that finds its lease empty takes
 * up to {@code maxLease} tokens in one round trip (never more than a tenth of the bucket,
 * so strict policies such as login stay one round trip per request), and the next
 * requests of that caller are admitted from the lease without asking Redis. Every
 * admitted request has a token charged in Redis, so no instance ever lets more through
 * than the limit; at worst a lease's unused tokens are lost for the other instances.
 */
class LeasedTokenBuckets implements TokenBuckets {

	private final RedisTokenBuckets redis;

	private final int maxLease;

	private final Cache<String, LocalLease> leases = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterAccess(Duration.ofMinutes(1))
		.build();

	LeasedTokenBuckets(RedisTokenBuckets redis, int maxLease) {
		this.redis = redis;
		this.maxLease = maxLease;
	}

	@Override
	public Mono<Decision> take(String key, RateLimitProperties.Policy policy) {
		LocalLease lease = this.leases.getIfPresent(key);
		if (lease != null) {
			Decision local = lease.takeOne(policy);
			if (local != null) {
				return Mono.just(local);
			}
		}
		int size = Math.max(1, Math.min(this.maxLease, policy.capacity() / 10));
		return this.redis.lease(key, policy, size).map((taken) -> {
			if (taken.taken() == 0) {
				return new Decision(false, policy.capacity(), taken.remaining(), taken.resetSeconds(),
						taken.retryAfterSeconds());
			}
			if (taken.taken() > 1) {
				this.leases.asMap()
					.computeIfAbsent(key, (k) -> new LocalLease())
					.refill(taken.taken() - 1, taken.remaining(), taken.resetSeconds());
			}
			return new Decision(true, policy.capacity(), taken.remaining() + taken.taken() - 1, taken.resetSeconds(),
					0);
		});
	}

	/** Tokens this instance holds for one bucket. */
	private static final class LocalLease {

		private long left;

		private long remainingInRedis;

		private long resetSeconds;

		synchronized @Nullable Decision takeOne(RateLimitProperties.Policy policy) {
			if (this.left <= 0) {
				return null;
			}
			this.left--;
			return new Decision(true, policy.capacity(), this.remainingInRedis + this.left, this.resetSeconds, 0);
		}

		synchronized void refill(long tokens, long remainingInRedis, long resetSeconds) {
			this.left += tokens;
			this.remainingInRedis = remainingInRedis;
			this.resetSeconds = resetSeconds;
		}

	}

}
