package dev.nori.content.cache;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.nori.content.ContentServiceIT;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ContentCacheIT extends ContentServiceIT {

	@Autowired
	private StringRedisTemplate redis;

	@Test
	void publicReadsCarryAnEtagAndAnswerNotModified() {
		JsonNode article = published(Map.of());
		String path = "/api/content/articles/" + article.get("slug").asString();
		HttpResponse<String> first = get(path, null);
		assertThat(first.statusCode()).isEqualTo(200);
		String etag = first.headers().firstValue("ETag").orElseThrow();
		assertThat(first.headers().firstValue("Cache-Control").orElseThrow()).contains("public").contains("max-age=30");

		HttpResponse<String> again = get(path, null, "If-None-Match", etag);
		assertThat(again.statusCode()).isEqualTo(304);
		assertThat(again.body()).isEmpty();
		assertThat(get(path, null, "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);

		// a change makes a new representation with a new tag
		String editor = token(newUser(), EDITOR);
		expect(put(
				"/api/content/articles/" + article.get("id").asString(), Map.of("title", "Changed title", "slug",
						article.get("slug").asString(), "body", "new body", "version", article.get("version").asLong()),
				editor), 200);
		HttpResponse<String> changed = get(path, null, "If-None-Match", etag);
		assertThat(changed.statusCode()).isEqualTo(200);
		assertThat(json(changed).get("title").asString()).isEqualTo("Changed title");
		assertThat(changed.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
	}

	@Test
	void draftsAreNeverSharedOrCached() {
		String author = token(newUser(), AUTHOR);
		JsonNode draft = draft(author, Map.of());
		HttpResponse<String> read = get("/api/content/articles/" + draft.get("slug").asString(), author);
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.headers().firstValue("Cache-Control").orElseThrow()).contains("private").contains("no-cache");
	}

	@Test
	void aChangeOnOneInstanceInvalidatesAnothersReads() {
		// a second instance's cache over the same Redis, kept in its memory too; no poll,
		// so only the announcement can tell it
		NearCacheStore store = new NearCacheStore(new RedisCacheStore(this.redis),
				this.redis.getRequiredConnectionFactory(), 100, Duration.ofMinutes(5), Duration.ofHours(1));
		ContentCache other = new ContentCache(store, Duration.ofMinutes(5), new SimpleMeterRegistry());
		other.start();
		try {
			AtomicInteger loads = new AtomicInteger();
			other.read("probe", () -> "{\"n\":" + loads.incrementAndGet() + "}");
			assertThat(other.read("probe", () -> "{\"n\":" + loads.incrementAndGet() + "}").json())
				.isEqualTo("{\"n\":1}");

			JsonNode article = published(Map.of());
			await().atMost(Duration.ofSeconds(2))
				.untilAsserted(
						() -> assertThat(other.read("probe", () -> "{\"n\":" + loads.incrementAndGet() + "}").json())
							.isNotEqualTo("{\"n\":1}"));

			// and the published list this instance serves shows the new article at once
			JsonNode list = expect(get("/api/content/articles?size=5", null), 200);
			assertThat(ids(list)).contains(article.get("id").asString());
		}
		finally {
			other.stop();
		}
	}

	@Test
	void hitsInMemoryCostNoRoundTripAndStaleGenerationsAreNeverRead() {
		RedisCacheStore shared = new RedisCacheStore(this.redis);
		NearCacheStore store = new NearCacheStore(shared, this.redis.getRequiredConnectionFactory(), 100,
				Duration.ofMinutes(5), Duration.ofHours(1));
		CacheStore.Lookup miss = store.lookup("near-" + UUID.randomUUID());
		assertThat(miss.value()).isNull();
		String key = "near-" + UUID.randomUUID();
		store.put(miss.generation() + ":" + key, "value", Duration.ofMinutes(1));
		// gone from Redis, still served from memory under the same generation
		this.redis.delete("nori:content:cache:" + miss.generation() + ":" + key);
		assertThat(store.lookup(key).value()).isEqualTo("value");
		store.observe(miss.generation() + 1);
		assertThat(store.lookup(key).value()).isNull();
	}

	@Test
	void theFirstPagesOfPublicListsComeFromTheCache() {
		published(Map.of());
		String path = "/api/content/articles?size=3&sort=updated";
		HttpResponse<String> first = get(path, null);
		String cachedKeys = String.valueOf(this.redis.keys("nori:content:cache:*:articles:published*").size());
		HttpResponse<String> second = get(path, null);
		assertThat(second.body()).isEqualTo(first.body());
		assertThat(Integer.parseInt(cachedKeys)).isPositive();
		// page 4 is past nori.content.cache.cached-pages (3) and read from the database
		get("/api/content/articles?size=3&sort=updated&page=4", null);
		assertThat(this.redis.keys("nori:content:cache:*:articles:published*|4|3")).isEmpty();
	}

}
