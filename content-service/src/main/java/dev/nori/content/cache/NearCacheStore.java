package dev.nori.content.cache;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Redis entries kept in this process too, so that a hit costs no round trip. Entries are
 * keyed by generation like in Redis; the generation this process knows is raised by the
 * announcement every bump publishes (milliseconds after the change), and by a poll of
 * Redis in case an announcement was lost (at most {@code pollEvery} later).
 */
class NearCacheStore implements CacheStore {

	private static final Logger log = LoggerFactory.getLogger(NearCacheStore.class);

	private final RedisCacheStore shared;

	private final Cache<String, String> local;

	// -1: not known yet, every lookup asks Redis
	private final AtomicLong known = new AtomicLong(-1);

	private final RedisMessageListenerContainer announcements;

	private final Duration pollEvery;

	private ScheduledExecutorService poller;

	NearCacheStore(RedisCacheStore shared, RedisConnectionFactory connections, int maxEntries, Duration ttl,
			Duration pollEvery) {
		this.shared = shared;
		this.local = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(ttl).build();
		this.pollEvery = pollEvery;
		this.announcements = new RedisMessageListenerContainer();
		this.announcements.setConnectionFactory(connections);
		this.announcements.addMessageListener(
				(message, pattern) -> observe(Long.parseLong(new String(message.getBody()).strip())),
				new ChannelTopic(RedisCacheStore.CHANNEL));
	}

	@Override
	public Lookup lookup(String key) {
		long generation = this.known.get();
		if (generation >= 0) {
			String value = this.local.getIfPresent(generation + ":" + key);
			if (value != null) {
				return new Lookup(generation, value);
			}
		}
		Lookup lookup = this.shared.lookup(key);
		observe(lookup.generation());
		if (lookup.value() != null) {
			this.local.put(lookup.generation() + ":" + key, lookup.value());
		}
		return lookup;
	}

	@Override
	public void put(String key, String value, Duration ttl) {
		this.shared.put(key, value, ttl);
		this.local.put(key, value);
	}

	@Override
	public long bumpGeneration() {
		long generation = this.shared.bumpGeneration();
		observe(generation);
		return generation;
	}

	@Override
	public void start() {
		this.announcements.afterPropertiesSet();
		this.announcements.start();
		this.poller = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("cache-generation").factory());
		this.poller.scheduleWithFixedDelay(this::poll, this.pollEvery.toMillis(), this.pollEvery.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		if (this.poller != null) {
			this.poller.shutdownNow();
		}
		this.announcements.stop();
		try {
			this.announcements.destroy();
		}
		catch (Exception ex) {
			log.debug("Stopping the cache announcements failed: {}", ex.toString());
		}
	}

	long knownGeneration() {
		return this.known.get();
	}

	void observe(long generation) {
		long before = this.known.getAndAccumulate(generation, Math::max);
		if (generation > before) {
			// entries of older generations are never read again
			this.local.invalidateAll();
		}
	}

	private void poll() {
		try {
			observe(this.shared.generation());
		}
		catch (RuntimeException ex) {
			log.debug("Polling the cache generation failed: {}", ex.toString());
		}
	}

}
