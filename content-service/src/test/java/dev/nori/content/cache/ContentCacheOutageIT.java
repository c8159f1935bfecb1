package dev.nori.content.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.nori.testsupport.RedisServerProcess;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** Against a Redis of the test's own, stopped halfway. */
class ContentCacheOutageIT {

	@Test
	void readsGoToTheDatabaseWhileRedisIsDown() {
		try (RedisServerProcess server = RedisServerProcess.startOrSkip()) {
			LettuceConnectionFactory connections = new LettuceConnectionFactory(
					new RedisStandaloneConfiguration("127.0.0.1", server.port()),
					LettuceClientConfiguration.builder().commandTimeout(Duration.ofMillis(500)).build());
			connections.afterPropertiesSet();
			try {
				StringRedisTemplate redis = new StringRedisTemplate(connections);
				SimpleMeterRegistry meters = new SimpleMeterRegistry();
				ContentCache cache = new ContentCache(new RedisCacheStore(redis), Duration.ofMinutes(1), meters);
				AtomicInteger loads = new AtomicInteger();
				cache.read("k", () -> "{\"n\":" + loads.incrementAndGet() + "}");
				assertThat(cache.read("k", () -> "{\"n\":" + loads.incrementAndGet() + "}").json())
					.isEqualTo("{\"n\":1}");

				server.stop();
				assertThat(cache.read("k", () -> "{\"n\":" + loads.incrementAndGet() + "}").json())
					.isEqualTo("{\"n\":2}");
				assertThatNoException().isThrownBy(cache::invalidateAfterCommit);
				assertThat(meters.counter("nori.content.cache", "result", "error").count()).isGreaterThanOrEqualTo(2);

				server.restart();
				cache.invalidateAfterCommit();
				assertThat(cache.read("k", () -> "{\"n\":" + loads.incrementAndGet() + "}").json())
					.isEqualTo("{\"n\":3}");
			}
			finally {
				connections.destroy();
			}
		}
	}

}
