package dev.nori.gateway.ratelimit;

import reactor.core.publisher.Mono;

/**
 * Token buckets, one per key: charge one token or refuse.
 */
interface TokenBuckets {

	Mono<Decision> take(String key, RateLimitProperties.Policy policy);

}
