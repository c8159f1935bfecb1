package dev.nori.gateway.ratelimit;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Token buckets, one per key: charge one token or refuse.
 */
interface TokenBuckets {

	Mono<Decision> take(String key, RateLimitProperties.Policy policy);

	/**
	 * Charges a token only when that needs no waiting (a token this instance already
	 * holds), so that the common request goes on without a Reactor step.
	 * @param key the bucket
	 * @param policy its policy
	 * @return the decision, or null when {@link #take} must be asked
	 */
	default @Nullable Decision takeAtHand(String key, RateLimitProperties.Policy policy) {
		return null;
	}

}
