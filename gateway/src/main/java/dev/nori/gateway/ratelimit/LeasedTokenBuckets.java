package dev.nori.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import dev.nori.gateway.edge.EdgeCaches;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Redis buckets taken a few tokens at a time: a request that finds its caller's lease
 * empty takes a lease of tokens in one round trip, and the caller's next requests are
 * admitted from it without asking Redis. Once half of a lease is spent the next one is
 * taken ahead, so a steady caller's requests never wait for Redis; requests that still
 * find the lease empty while it is being refilled wait for that one refill. Every
 * admitted request has a token charged in Redis, so no instance ever lets more through
 * than the limit; at worst a lease's unused tokens (up to one and a half leases) are lost
 * to the other instances.
 * <p>
 * A lease is never more than a tenth of the bucket (so strict policies such as login stay
 * one round trip per request) nor {@code maxLease}. The first is {@value #FIRST_LEASE}
 * tokens; a caller that spent a whole lease within {@value #GROW_WITHIN_MILLIS} ms gets
 * twice as many next time, one whose lease lasted over {@value #SHRINK_AFTER_MILLIS} ms
 * half as many (not below the first). A caller sending 1,500 requests a second so asks
 * Redis about 15 times a second, not 150, while what other instances can lose stays a
 * fraction of a second of that caller's own traffic.
 */
class LeasedTokenBuckets implements TokenBuckets {

	static final int FIRST_LEASE = 20;

	static final long GROW_WITHIN_MILLIS = 100;

	static final long SHRINK_AFTER_MILLIS = 1000;

	private final RedisTokenBuckets redis;

	private final int maxLease;

	private final LongSupplier nanoTime;

	private final Cache<String, LocalLease> leases = EdgeCaches.builder()
		.maximumSize(100_000)
		.expireAfterAccess(Duration.ofMinutes(1))
		.build();

	LeasedTokenBuckets(RedisTokenBuckets redis, int maxLease) {
		this(redis, maxLease, System::nanoTime);
	}

	LeasedTokenBuckets(RedisTokenBuckets redis, int maxLease, LongSupplier nanoTime) {
		this.redis = redis;
		this.maxLease = maxLease;
		this.nanoTime = nanoTime;
	}

	@Override
	public Mono<Decision> take(String key, RateLimitProperties.Policy policy) {
		return this.leases.get(key, (k) -> new LocalLease(key, policy)).take();
	}

	@Override
	public @Nullable Decision takeAtHand(String key, RateLimitProperties.Policy policy) {
		LocalLease lease = this.leases.getIfPresent(key);
		if (lease == null) {
			return null;
		}
		return lease.takeHeld();
	}

	/**
	 * Tokens this instance holds for one bucket, and the refill under way. Taking a held
	 * token is lock-free: every request of a busy caller passes here, on as many event
	 * loop threads as there are, and a lock held by a descheduled thread stalled them
	 * all. A bucket's key names its policy, so a lease keeps both.
	 */
	private final class LocalLease {

		private final String key;

		private final RateLimitProperties.Policy policy;

		private final AtomicLong left = new AtomicLong();

		private final int first;

		private final int most;

		// the size of the next lease; written holding this lease's lock
		private volatile int size;

		// when the last refill started, and whether it got every token it asked for;
		// guarded by this lease's lock
		private long lastRefillNanos;

		private boolean refilledBefore;

		private boolean lastRefillFull;

		private volatile long remainingInRedis;

		private volatile long resetSeconds;

		private volatile long retryAfterSeconds;

		// written holding this lease's lock
		private volatile @Nullable Mono<Long> refilling;

		LocalLease(String key, RateLimitProperties.Policy policy) {
			this.key = key;
			this.policy = policy;
			this.most = Math.max(1, Math.min(LeasedTokenBuckets.this.maxLease, policy.capacity() / 10));
			this.first = Math.min(FIRST_LEASE, this.most);
			this.size = this.first;
		}

		Mono<Decision> take() {
			Decision atHand = takeHeld();
			if (atHand != null) {
				return Mono.just(atHand);
			}
			long held;
			Mono<Long> pending;
			synchronized (this) {
				// a refill may have landed since
				held = takeOne();
				if (held > 0) {
					return Mono.just(admitted(held - 1));
				}
				Mono<Long> current = this.refilling;
				pending = (current != null) ? current : refill();
			}
			return pending.flatMap((taken) -> {
				long afterRefill = takeOne();
				if (afterRefill > 0) {
					return Mono.just(admitted(afterRefill - 1));
				}
				if (taken == 0) {
					return Mono.just(new Decision(false, this.policy.capacity(), this.remainingInRedis,
							this.resetSeconds, this.retryAfterSeconds));
				}
				// others waiting on the same refill spent it first: take another
				return take();
			});
		}

		// admits with a held token, or answers null when none is held
		@Nullable Decision takeHeld() {
			long held = takeOne();
			if (held <= 0) {
				return null;
			}
			int size = this.size;
			if (size > 1 && held - 1 < size / 2 && this.refilling == null) {
				refillAhead();
			}
			return admitted(held - 1);
		}

		// the tokens held before taking one, or 0 when none was there to take
		private long takeOne() {
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

		private Decision admitted(long stillHeld) {
			return new Decision(true, this.policy.capacity(), this.remainingInRedis + stillHeld, this.resetSeconds, 0);
		}

		private synchronized void refillAhead() {
			if (this.refilling == null) {
				// A failed refill ahead is not reported here: the request that finds the
				// lease empty asks again and reports its own failure.
				refill().subscribe((taken) -> {
				}, (ex) -> {
				});
			}
		}

		// called holding this lease's lock
		private Mono<Long> refill() {
			int count = resize();
			Mono<Long> refill = LeasedTokenBuckets.this.redis.lease(this.key, this.policy, count)
				.switchIfEmpty(Mono.error(() -> new IllegalStateException("Redis gave no answer")))
				.doOnNext((lease) -> refilled(lease, count))
				.doOnError((ex) -> refillFailed())
				.map(RedisTokenBuckets.Lease::taken)
				.cache();
			this.refilling = refill;
			return refill;
		}

		// Only a lease that got all it asked for and was spent quickly grows the next:
		// a caller refused at an empty bucket asks often, but spends nothing.
		private int resize() {
			long now = LeasedTokenBuckets.this.nanoTime.getAsLong();
			if (this.refilledBefore) {
				long lasted = now - this.lastRefillNanos;
				if (this.lastRefillFull && lasted < TimeUnit.MILLISECONDS.toNanos(GROW_WITHIN_MILLIS)) {
					this.size = Math.min(this.most, this.size * 2);
				}
				else if (lasted > TimeUnit.MILLISECONDS.toNanos(SHRINK_AFTER_MILLIS)) {
					this.size = Math.max(this.first, this.size / 2);
				}
			}
			this.refilledBefore = true;
			this.lastRefillNanos = now;
			this.lastRefillFull = false;
			return this.size;
		}

		// runs before any waiter sees the refill, so that a waiter asking again starts a
		// new one
		private synchronized void refilled(RedisTokenBuckets.Lease lease, int asked) {
			this.remainingInRedis = lease.remaining();
			this.resetSeconds = lease.resetSeconds();
			this.retryAfterSeconds = lease.retryAfterSeconds();
			this.lastRefillFull = lease.taken() >= asked;
			this.left.addAndGet(lease.taken());
			this.refilling = null;
		}

		private synchronized void refillFailed() {
			this.refilling = null;
		}

	}

}
