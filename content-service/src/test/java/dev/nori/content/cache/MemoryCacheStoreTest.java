package dev.nori.content.cache;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryCacheStoreTest {

	@Test
	void keepsAtMostItsBoundAndForgetsEverythingOnABump() {
		MemoryCacheStore store = new MemoryCacheStore(100, Duration.ofMinutes(1));
		for (int i = 0; i < 1_000; i++) {
			store.put("key-" + i, "value", Duration.ofMinutes(1));
		}
		assertThat(store.size()).isLessThanOrEqualTo(100);
		long generation = store.generation();
		store.put(generation + ":kept", "value", Duration.ofMinutes(1));
		assertThat(store.lookup("kept").value()).isEqualTo("value");
		store.bumpGeneration();
		assertThat(store.lookup("kept")).isEqualTo(new CacheStore.Lookup(generation + 1, null));
	}

}
