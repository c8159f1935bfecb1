package dev.nori.content.cache;

import dev.nori.content.config.ContentProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.data.redis.core.StringRedisTemplate;

@Configuration(proxyBeanMethods = false)
class CacheConfiguration {

	private static final Logger log = LoggerFactory.getLogger(CacheConfiguration.class);

	@Bean
	ContentCache contentCache(ContentProperties properties, ObjectProvider<StringRedisTemplate> redis,
			Environment environment, MeterRegistry meters) {
		ContentProperties.Cache cache = properties.cache();
		CacheStore store = store(cache, redis, environment);
		if (store != null) {
			// entries written by an earlier run may describe a database since reset
			store.bumpGeneration();
		}
		return new ContentCache(store, cache.ttl(), meters);
	}

	private static @Nullable CacheStore store(ContentProperties.Cache cache, ObjectProvider<StringRedisTemplate> redis,
			Environment environment) {
		return switch (cache.store()) {
			case NONE -> null;
			case MEMORY -> memory(cache, environment);
			case REDIS -> shared(cache, redis.getObject());
			case AUTO -> {
				StringRedisTemplate template = redis.getIfAvailable();
				if (template != null && answers(template)) {
					yield shared(cache, template);
				}
				yield memory(cache, environment);
			}
		};
	}

	private static CacheStore shared(ContentProperties.Cache cache, StringRedisTemplate redis) {
		return new NearCacheStore(new RedisCacheStore(redis), redis.getRequiredConnectionFactory(),
				cache.memoryMaxEntries(), cache.ttl(), cache.generationPoll());
	}

	private static CacheStore memory(ContentProperties.Cache cache, Environment environment) {
		if (environment.acceptsProfiles(Profiles.of("prod"))) {
			throw new IllegalStateException("The content cache needs Redis under the prod profile: "
					+ "a memory cache is not invalidated across instances");
		}
		log.warn("CONTENT CACHE IN MEMORY: Redis did not answer. Changes made through other instances "
				+ "show up here only after nori.content.cache.ttl ({}).", cache.ttl());
		return new MemoryCacheStore(cache.memoryMaxEntries(), cache.ttl());
	}

	private static boolean answers(StringRedisTemplate template) {
		try {
			template.hasKey("nori:content:cache:generation");
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
