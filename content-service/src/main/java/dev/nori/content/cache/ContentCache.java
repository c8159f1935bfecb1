package dev.nori.content.cache;

import java.time.Duration;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Cached public reads. A read takes the generation first and stores under it, so a result
 * computed from data older than an invalidation is stored where nobody looks any more.
 * Invalidation bumps the generation after the change commits. When the store fails, reads
 * go to the database: the cache never turns a working read into an error.
 */
public class ContentCache implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ContentCache.class);

	private final @Nullable CacheStore store;

	private final Duration ttl;

	private final Counter hits;

	private final Counter misses;

	private final Counter failures;

	private volatile boolean running;

	ContentCache(@Nullable CacheStore store, Duration ttl, MeterRegistry meters) {
		this.store = store;
		this.ttl = ttl;
		this.hits = meters.counter("nori.content.cache", "result", "hit");
		this.misses = meters.counter("nori.content.cache", "result", "miss");
		this.failures = meters.counter("nori.content.cache", "result", "error");
	}

	/**
	 * Returns a cached body, computing and storing it on a miss.
	 * @param key what is read, unique among cached reads
	 * @param load computes the body from the database
	 * @return the body with its tag
	 */
	public CachedJson read(String key, Supplier<String> load) {
		CachedJson body = readIfPresent(key, load::get);
		if (body == null) {
			throw new IllegalStateException("The loader of " + key + " returned nothing");
		}
		return body;
	}

	/**
	 * Returns a cached body, computing and storing it on a miss; nothing is stored when
	 * there is nothing to read.
	 * @param key what is read, unique among cached reads
	 * @param load computes the body from the database, {@code null} when there is none
	 * @return the body with its tag, or {@code null}
	 */
	public @Nullable CachedJson readIfPresent(String key, Supplier<@Nullable String> load) {
		if (this.store == null) {
			return tagged(load.get());
		}
		String entryKey;
		try {
			CacheStore.Lookup lookup = this.store.lookup(key);
			entryKey = lookup.generation() + ":" + key;
			if (lookup.value() != null) {
				this.hits.increment();
				return CachedJson.decode(lookup.value());
			}
		}
		catch (RuntimeException ex) {
			storeFailed(ex);
			return tagged(load.get());
		}
		this.misses.increment();
		CachedJson fresh = tagged(load.get());
		if (fresh == null) {
			return null;
		}
		try {
			this.store.put(entryKey, fresh.encode(), this.ttl);
		}
		catch (RuntimeException ex) {
			storeFailed(ex);
		}
		return fresh;
	}

	private static @Nullable CachedJson tagged(@Nullable String json) {
		return (json != null) ? CachedJson.of(json) : null;
	}

	/**
	 * Invalidates every cached read once the current transaction commits (at once outside
	 * a transaction).
	 */
	public void invalidateAfterCommit() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					invalidate();
				}
			});
		}
		else {
			invalidate();
		}
	}

	private void invalidate() {
		if (this.store == null) {
			return;
		}
		try {
			this.store.bumpGeneration();
		}
		catch (RuntimeException ex) {
			// entries expire after the ttl at the latest
			this.failures.increment();
			log.error("Invalidating the content cache failed; cached reads may be stale for up to {}: {}", this.ttl,
					ex.toString());
		}
	}

	@Override
	public void start() {
		if (this.store != null) {
			this.store.start();
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.store != null) {
			this.store.stop();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void storeFailed(RuntimeException ex) {
		this.failures.increment();
		log.warn("Content cache unavailable, reading from the database: {}", ex.getMessage());
	}

}
