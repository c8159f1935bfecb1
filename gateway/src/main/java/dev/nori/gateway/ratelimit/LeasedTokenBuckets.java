package dev.nori.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import dev.nori.gateway.edge.EdgeCaches;
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

	private final Cache<String, LocalLease> leases = EdgeCaches.builder()
		.maximumSize(100_000)
		.expireAfterAccess(Duration.ofMinutes(1))
		.build();

	LeasedTokenBuckets(RedisTokenBuckets redis, int maxLease) {
		this.redis = redis;
		this.maxLease = maxLease;
	}

	@Override
	public Mono<Decision> take(String key, RateLimitProperties.Policy policy) {
		int size = leaseSize(policy);
		return this.leases.get(key, (k) -> new LocalLease())
			.take(policy, size, () -> this.redis.lease(key, policy, size));
	}

	@Override
	public @Nullable Decision takeAtHand(String key, RateLimitProperties.Policy policy) {
		LocalLease lease = this.leases.getIfPresent(key);
		if (lease == null) {
			return null;
		}
		int size = leaseSize(policy);
		return lease.takeHeld(policy, size, () -> this.redis.lease(key, policy, size));
	}

	private int leaseSize(RateLimitProperties.Policy policy) {
		return Math.max(1, Math.min(this.maxLease, policy.capacity() / 10));
	}

	/**
	 * Tokens this instance holds for one bucket, and the refill under way. Taking a held
	 * token is lock-free: every request of a busy caller passes here, on as many event
	 * loop threads as there are, and a lock held by a descheduled thread stalled them
	 * all.
	 */
	private static final class LocalLease {

		private final AtomicLong left = new AtomicLong();

		private volatile long remainingInRedis;

		private volatile long resetSeconds;

		private volatile long retryAfterSeconds;

		// written holding this lease's lock
		private volatile @Nullable Mono<Long> refilling;

		Mono<Decision> take(RateLimitProperties.Policy policy, int size,
				Supplier<Mono<RedisTokenBuckets.Lease>> fetch) {
			Decision atHand = takeHeld(policy, size, fetch);
			if (atHand != null) {
				return Mono.just(atHand);
			}
			long held;
			Mono<Long> pending;
			synchronized (this) {
				// a refill may have landed since
				held = takeHeld();
				if (held > 0) {
					return Mono.just(admitted(policy, held - 1));
				}
				Mono<Long> current = this.refilling;
				pending = (current != null) ? current : refill(fetch);
			}
			return pending.flatMap((taken) -> {
				long afterRefill = takeHeld();
				if (afterRefill > 0) {
					return Mono.just(admitted(policy, afterRefill - 1));
				}
				if (taken == 0) {
					return Mono.just(new Decision(false, policy.capacity(), this.remainingInRedis, this.resetSeconds,
							this.retryAfterSeconds));
				}
				// others waiting on the same refill spent it first: take another
				return take(policy, size, fetch);
			});
		}

		// admits with a held token, or answers null when none is held
		@Nullable Decision takeHeld(RateLimitProperties.Policy policy, int size, Supplier<Mono<RedisTokenBuckets.Lease>> fetch) {
			long held = takeHeld();
			if (held <= 0) {
				return null;
			}
			if (size > 1 && held - 1 < size / 2 && this.refilling == null) {
				refillAhead(fetch);
			}
			return admitted(policy, held - 1);
		}

		// the tokens held before taking one, or 0 when none was there to take
		private long takeHeld() {
			long held;
			do {
				held = this.left.get();
				if (held <= 0) {
					return 0;
				}
			}
			while (!this.left.compareAndSet(held, held - 1));
			return held;
		}

		private Decision admitted(RateLimitProperties.Policy policy, long stillHeld) {
			return new Decision(true, policy.capacity(), this.remainingInRedis + stillHeld, this.resetSeconds, 0);
		}

		private synchronized void refillAhead(Supplier<Mono<RedisTokenBuckets.Lease>> fetch) {
			if (this.refilling == null) {
				// A failed refill ahead is not reported here: the request that finds the
				// lease empty asks again and reports its own failure.
				refill(fetch).subscribe((taken) -> {
				}, (ex) -> {
				});
			}
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

		// runs before any waiter sees the refill, so that a waiter asking again starts a
		// new one
		private synchronized void refilled(RedisTokenBuckets.Lease lease) {
			this.remainingInRedis = lease.remaining();
			this.resetSeconds = lease.resetSeconds();
			this.retryAfterSeconds = lease.retryAfterSeconds();
			this.left.addAndGet(lease.taken());
			this.refilling = null;
		}

		private synchronized void refillFailed() {
			this.refilling = null;
		}

	}

}
