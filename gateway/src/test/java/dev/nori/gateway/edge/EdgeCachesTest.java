package dev.nori.gateway.edge;

import java.util.ArrayList;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.RemovalCause;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EdgeCachesTest {

	@Test
	void upkeepRunsOnTheThreadThatTriggersItBeforeTheCallReturns() {
		List<Thread> evictedOn = new ArrayList<>();
		Cache<String, String> cache = EdgeCaches.builder()
			.maximumSize(1)
			.<String, String>removalListener((key, value, cause) -> {
				if (cause == RemovalCause.SIZE) {
					evictedOn.add(Thread.currentThread());
				}
			})
			.build();

		cache.put("first", "1");
		cache.put("second", "2");

		// with Caffeine's default executor the eviction would happen later, on a pool
		// thread
		assertThat(evictedOn).containsExactly(Thread.currentThread());
		assertThat(cache.estimatedSize()).isEqualTo(1);
	}

}
