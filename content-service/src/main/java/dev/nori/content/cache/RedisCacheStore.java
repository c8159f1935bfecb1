package dev.nori.content.cache;

import java.time.Duration;
import java.util.List;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/** Shared by every instance: a change on one invalidates the others' reads too. */
class RedisCacheStore implements CacheStore {

	private static final String PREFIX = "nori:content:cache:";

	private static final String GENERATION = PREFIX + "generation";

	/** Where new generations are announced. */
	static final String CHANNEL = PREFIX + "generations";

	private final StringRedisTemplate redis;

	RedisCacheStore(StringRedisTemplate redis) {
		this.redis = redis;
	}

	// the generation and the entry under it in one round trip
	private static final RedisScript<List> LOOKUP = RedisScript.of("""
			local generation = redis.call('GET', KEYS[1]) or '0'
			return {generation, redis.call('GET', ARGV[1] .. generation .. ':' .. ARGV[2])}
			""", List.class);

	@Override
	public Lookup lookup(String key) {
		List<?> result = this.redis.execute(LOOKUP, List.of(GENERATION), PREFIX, key);
		long generation = Long.parseLong(String.valueOf(result.get(0)));
		Object value = (result.size() > 1) ? result.get(1) : null;
		return new Lookup(generation, (value instanceof String text) ? text : null);
	}

	@Override
	public void put(String key, String value, Duration ttl) {
		this.redis.opsForValue().set(PREFIX + key, value, ttl);
	}

	// every instance hears of the new generation at once (NearCacheStore)
	private static final RedisScript<Long> BUMP = RedisScript.of("""
			local generation = redis.call('INCR', KEYS[1])
			redis.call('PUBLISH', ARGV[1], generation)
			return generation
			""", Long.class);

	@Override
	public long bumpGeneration() {
		Long generation = this.redis.execute(BUMP, List.of(GENERATION), CHANNEL);
		return (generation != null) ? generation : 0;
	}

	long generation() {
		String value = this.redis.opsForValue().get(GENERATION);
		return (value != null) ? Long.parseLong(value) : 0;
	}

}
