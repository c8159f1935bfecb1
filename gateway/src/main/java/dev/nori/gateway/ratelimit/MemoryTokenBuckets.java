package dev.nori.gateway.ratelimit;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

/**
 * Buckets in this instance's memory: correct for one instance only, for local use.
 */
class MemoryTokenBuckets implements TokenBuckets {

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final Clock clock;

	MemoryTokenBuckets(Clock clock) {
		this.clock = clock;
	}

	@Override
	public Mono<Decision> take(String key, RateLimitProperties.Policy policy) {
		return Mono.just(takeAtHand(key, policy));
	}

	@Override
	public Decision takeAtHand(String key, RateLimitProperties.Policy policy) {
		double now = this.clock.millis() / 1000.0;
		Bucket bucket = this.buckets.compute(key, (k, current) -> {
			double tokens = (current == null) ? policy.capacity() : Math.min(policy.capacity(),
					current.tokens() + Math.max(0, now - current.at()) * policy.perSecond());
			return new Bucket((tokens >= 1) ? tokens - 1 : tokens, now, tokens >= 1);
		});
		long retry = bucket.allowed() ? 0 : (long) Math.ceil((1 - bucket.tokens()) / policy.perSecond());
		return new Decision(bucket.allowed(), policy.capacity(), (long) Math.floor(bucket.tokens()),
				(long) Math.ceil((policy.capacity() - bucket.tokens()) / policy.perSecond()), retry);
	}

	private record Bucket(double tokens, double at, boolean allowed) {
	}

}
