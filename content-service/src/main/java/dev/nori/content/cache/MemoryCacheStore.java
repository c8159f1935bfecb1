package dev.nori.content.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

/** One process only: least recently used entries go first beyond the size bound. */
class MemoryCacheStore implements CacheStore {

	private final AtomicLong generation = new AtomicLong();

	private final Cache<String, String> entries;

	MemoryCacheStore(int maxEntries, Duration ttl) {
		this.entries = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(ttl).build();
	}

	@Override
	public long generation() {
		return this.generation.get();
	}

	@Override
	public @Nullable String get(String key) {
		return this.entries.getIfPresent(key);
	}

	@Override
	public void put(String key, String value, Duration ttl) {
		this.entries.put(key, value);
	}

	@Override
	public void bumpGeneration() {
		this.generation.incrementAndGet();
		this.entries.invalidateAll();
	}

	long size() {
		this.entries.cleanUp();
		return this.entries.estimatedSize();
	}

}
