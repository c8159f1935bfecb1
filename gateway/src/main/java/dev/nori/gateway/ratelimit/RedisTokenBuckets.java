package dev.nori.gateway.ratelimit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

	// read once: a script made from a resource checks the resource's modification time
	// (a jar lookup) on every call
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> SCRIPT = RedisScript
		.of(read(new ClassPathResource("dev/nori/gateway/ratelimit/token-bucket.lua")), List.class);

	private static final Duration TIMEOUT = Duration.ofMillis(500);

	private final ReactiveStringRedisTemplate redis;

	private final String prefix;

	RedisTokenBuckets(ReactiveStringRedisTemplate redis, String prefix) {
		this.redis = redis;
		this.prefix = prefix;
	}

	@Override
	public Mono<Decision> take(String key, RateLimitProperties.Policy policy) {
		return lease(key, policy, 1).map((lease) -> new Decision(lease.taken() == 1, policy.capacity(),
				lease.remaining(), lease.resetSeconds(), lease.retryAfterSeconds()));
	}

	/**
	 * Takes up to {@code count} tokens at once.
	 * @param key the bucket
	 * @param policy its policy
	 * @param count the most tokens to take
	 * @return how many were taken and what is left
	 */
	Mono<Lease> lease(String key, RateLimitProperties.Policy policy, int count) {
		return this.redis
			.execute(SCRIPT, List.of(this.prefix + key),
					List.of(Integer.toString(policy.capacity()), Double.toString(policy.perSecond()),
							Integer.toString(count)))
			.next()
			// an unreachable Redis must not hold requests up: the filter
			// lets them through
			.timeout(TIMEOUT)
			.map((result) -> new Lease(number(result, 0), number(result, 1), number(result, 2), number(result, 3)));
	}

	/**
	 * Tokens taken from a bucket at once.
	 *
	 * @param taken how many were taken (0 when the bucket was empty)
	 * @param remaining tokens left in the bucket
	 * @param resetSeconds seconds until the bucket is full again
	 * @param retryAfterSeconds seconds until the next token, when none was taken
	 */
	record Lease(long taken, long remaining, long resetSeconds, long retryAfterSeconds) {
	}

	private static String read(ClassPathResource script) {
		try {
			return script.getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + script, ex);
		}
	}

	private static long number(List<?> result, int index) {
		return ((Number) result.get(index)).longValue();
	}

}
