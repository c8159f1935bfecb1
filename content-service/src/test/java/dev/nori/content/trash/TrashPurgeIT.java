package dev.nori.content.trash;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.nori.content.ContentServiceIT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class TrashPurgeIT extends ContentServiceIT {

	@Autowired
	private TrashPurge purge;

	@Test
	void trashOlderThanTheRetentionIsPurgedWithItsPosts() {
		String editor = token(newUser(), EDITOR);
		JsonNode article = published(Map.of());
		String articleId = article.get("id").asString();
		JsonNode post = expect(post("/api/content/posts", Map.of("body", "on it", "articleId", articleId), editor),
				201);
		JsonNode recent = published(Map.of());
		expect(delete("/api/content/articles/" + articleId, editor), 204);

		try {
			this.clock.advance(Duration.ofDays(29));
			expect(delete("/api/content/articles/" + recent.get("id").asString(), token(newUser(), EDITOR)), 204);
			this.clock.advance(Duration.ofDays(2));
			TrashPurge.Purged purged = this.purge.purge();
			assertThat(purged.articles()).isPositive();
			assertThat(exists("articles", articleId)).isFalse();
			assertThat(exists("posts", post.get("id").asString())).isFalse();
			assertThat(exists("articles", recent.get("id").asString())).isTrue();
		}
		finally {
			this.clock.advance(Duration.ofDays(-31));
		}
	}

	private boolean exists(String table, String id) {
		return this.jdbc.sql("select count(*) from " + table + " where id = ?")
			.param(UUID.fromString(id))
			.query(Long.class)
			.single() > 0;
	}

}
