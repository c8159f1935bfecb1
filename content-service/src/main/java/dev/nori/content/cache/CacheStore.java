package dev.nori.content.cache;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Where cached reads live. Entries are keyed under a generation number; bumping it
 * invalidates everything at once, on every instance sharing the store.
 */
interface CacheStore {

	/**
	 * Returns the entry stored for a key under the current generation, and that
	 * generation.
	 */
	Lookup lookup(String key);

	void put(String key, String value, Duration ttl);

	/** Invalidates every entry; returns the new generation. */
	long bumpGeneration();

	/** Starts whatever the store runs in the background. */
	default void start() {
	}

	/** Stops it. */
	default void stop() {
	}

	/**
	 * An entry looked up.
	 *
	 * @param generation the generation it was looked up under; a miss is stored under it
	 * @param value the entry, or {@code null}
	 */
	record Lookup(long generation, @Nullable String value) {
	}

}
