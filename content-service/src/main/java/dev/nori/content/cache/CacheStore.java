package dev.nori.content.cache;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Where cached reads live. Entries are keyed under a generation number; bumping it
 * invalidates everything at once, on every instance sharing the store.
 */
interface CacheStore {

	long generation();

	@Nullable String get(String key);

	void put(String key, String value, Duration ttl);

	void bumpGeneration();

}
