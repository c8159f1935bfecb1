package dev.nori.gateway.ratelimit;

import java.time.Duration;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Redis buckets taken a few tokens at a time: a request that finds its caller's lease
 * empty takes up to {@code maxLease} tokens in one round trip (never more than a tenth of
 * the bucket, so strict policies such as login stay one round trip per request), and the
 * caller's next requests are admitted from the lease without asking Redis. Once half of a
 * lease is spent the next one is taken ahead, so a steady caller's requests never wait
 * for Redis; requests that still find the lease empty while it is being refilled wait for
 * that one refill. Every admitted request has a token charged in Redis, so no instance
 * ever lets more through than the limit; at worst a lease's unused tokens (up to one and
 * a half leases) are lost to the other instances.
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
		int size = Math.max(1, Math.min(this.maxLease, policy.capacity() / 10));
		return this.leases.get(key, (k) -> new LocalLease())
			.take(policy, size, () -> this.redis.lease(key, policy, size));
	}

	/** Tokens this instance holds for one bucket, and the refill under way. */
	private static final class LocalLease {

		private long left;

		private long remainingInRedis;

		private long resetSeconds;

		private long retryAfterSeconds;

		private @Nullable Mono<Long> refilling;

		Mono<Decision> take(RateLimitProperties.Policy policy, int size,
				Supplier<Mono<RedisTokenBuckets.Lease>> fetch) {
			Mono<Long> pending;
			synchronized (this) {
				Decision local = takeLocally(policy);
				if (local != null) {
					if (size > 1 && this.left < size / 2 && this.refilling == null) {
						// A failed refill ahead is not reported here: the request that
						// finds the lease empty asks again and reports its own failure.
						refill(fetch).subscribe((taken) -> {
						}, (ex) -> {
						});
					}
					return Mono.just(local);
				}
				pending = (this.refilling != null) ? this.refilling : refill(fetch);
			}
			return pending.flatMap((taken) -> {
				synchronized (this) {
					Decision local = takeLocally(policy);
					if (local != null) {
						return Mono.just(local);
					}
					if (taken == 0) {
						return Mono.just(new Decision(false, policy.capacity(), this.remainingInRedis,
								this.resetSeconds, this.retryAfterSeconds));
					}
				}
				// others waiting on the same refill spent it first: take another
				return take(policy, size, fetch);
			});
		}

		// called holding this lease's lock
		private Mono<Long> refill(Supplier<Mono<RedisTokenBuckets.Lease>> fetch) {
			Mono<Long> refill = fetch.get()
				.switchIfEmpty(Mono.error(() -> new IllegalStateException("Redis gave no answer")))
				.doOnNext(this::refilled)
				.doOnError((ex) -> refillFailed())
				.map(RedisTokenBuckets.Lease::taken)
				.cache();
			this.refilling = refill;
			return refill;
		}

		private @Nullable Decision takeLocally(RateLimitProperties.Policy policy) {
			if (this.left <= 0) {
				return null;
			}
			this.left--;
			return new Decision(true, policy.capacity(), this.remainingInRedis + this.left, this.resetSeconds, 0);
		}

		// runs before any waiter sees the refill, so that a waiter asking again starts a
		// new one
		private synchronized void refilled(RedisTokenBuckets.Lease lease) {
			this.left += lease.taken();
			this.remainingInRedis = lease.remaining();
			this.resetSeconds = lease.resetSeconds();
			this.retryAfterSeconds = lease.retryAfterSeconds();
			this.refilling = null;
		}

		private synchronized void refillFailed() {
			this.refilling = null;
		}

	}

}
