package dev.nori.gateway.ratelimit;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * The rate limiter and its bucket backend.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
@ConditionalOnProperty(name = "nori.gateway.rate-limit.enabled", matchIfMissing = true)
class RateLimitConfiguration {

	private static final Logger log = LoggerFactory.getLogger(RateLimitConfiguration.class);

	@Bean
	TokenBuckets tokenBuckets(RateLimitProperties properties, ObjectProvider<ReactiveStringRedisTemplate> redis) {
		if (properties.backend() == RateLimitProperties.Backend.REDIS) {
			RedisTokenBuckets buckets = new RedisTokenBuckets(redis.getObject(), properties.keyPrefix());
			return (properties.maxLease() > 1) ? new LeasedTokenBuckets(buckets, properties.maxLease()) : buckets;
		}
		// the prod profile never gets here: RateLimitProductionCheck refuses
		// memory at start
		log.warn("*** RATE LIMITS IN MEMORY: each gateway instance counts alone and restarts forget everything. "
				+ "For local use only; set nori.gateway.rate-limit.backend=redis anywhere else. ***");
		return new MemoryTokenBuckets(Clock.systemUTC());
	}

	@Bean
	RateLimitFilter rateLimitFilter(TokenBuckets buckets, RateLimitProperties properties, MeterRegistry meters) {
		return new RateLimitFilter(buckets, properties, meters);
	}

}
