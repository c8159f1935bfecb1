package dev.nori.content.cache;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.StringRedisTemplate;

/** Shared by every instance: a change on one invalidates the others' reads too. */
class RedisCacheStore implements CacheStore {

	private static final String PREFIX = "nori:content:cache:";

	private static final String GENERATION = PREFIX + "generation";

	private final StringRedisTemplate redis;

	RedisCacheStore(StringRedisTemplate redis) {
		this.redis = redis;
	}

	@Override
	public long generation() {
		String value = this.redis.opsForValue().get(GENERATION);
		return (value != null) ? Long.parseLong(value) : 0;
	}

	@Override
	public @Nullable String get(String key) {
		return this.redis.opsForValue().get(PREFIX + key);
	}

	@Override
	public void put(String key, String value, Duration ttl) {
		this.redis.opsForValue().set(PREFIX + key, value, ttl);
	}

	@Override
	public void bumpGeneration() {
		this.redis.opsForValue().increment(GENERATION);
	}

}
