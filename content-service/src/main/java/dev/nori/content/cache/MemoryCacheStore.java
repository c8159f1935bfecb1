package dev.nori.content.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/** One process only: least recently used entries go first beyond the size bound. */
class MemoryCacheStore implements CacheStore {

	private final AtomicLong generation = new AtomicLong();

	private final Cache<String, String> entries;

	MemoryCacheStore(int maxEntries, Duration ttl) {
		this.entries = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(ttl).build();
	}

	@Override
	public Lookup lookup(String key) {
		long current = this.generation.get();
		return new Lookup(current, this.entries.getIfPresent(current + ":" + key));
	}

	@Override
	public void put(String key, String value, Duration ttl) {
		this.entries.put(key, value);
	}

	@Override
	public long bumpGeneration() {
		long next = this.generation.incrementAndGet();
		this.entries.invalidateAll();
		return next;
	}

	long generation() {
		return this.generation.get();
	}

	long size() {
		this.entries.cleanUp();
		return this.entries.estimatedSize();
	}

}
