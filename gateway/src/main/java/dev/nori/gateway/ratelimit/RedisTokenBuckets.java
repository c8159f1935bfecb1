package dev.nori.gateway.ratelimit;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Buckets in Redis, checked and charged by one Lua script (one round trip, atomic,
 * Redis's clock), so every gateway instance shares them.
 */
class RedisTokenBuckets implements TokenBuckets {

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> SCRIPT = RedisScript
		.of(new ClassPathResource("dev/nori/gateway/ratelimit/token-bucket.lua"), List.class);

	private final ReactiveStringRedisTemplate redis;

	private final String prefix;

	RedisTokenBuckets(ReactiveStringRedisTemplate redis, String prefix) {
		this.redis = redis;
		this.prefix = prefix;
	}

	@Override
	public Mono<Decision> take(String key, RateLimitProperties.Policy policy) {
		return this.redis
			.execute(SCRIPT, List.of(this.prefix + key),
					List.of(Integer.toString(policy.capacity()), Double.toString(policy.perSecond())))
			.next()
			.map((result) -> new Decision(number(result, 0) == 1, policy.capacity(), number(result, 1),
					number(result, 2), number(result, 3)));
	}

	private static long number(List<?> result, int index) {
		return ((Number) result.get(index)).longValue();
	}

}
