package dev.nori.content.article;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.nori.content.ContentServiceIT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The internal snapshot pages that search-service rebuilds its index from. */
class SnapshotIT extends ContentServiceIT {

	@Test
	void publishedArticlesPageByIdForHoldersOfTheInternalSecretOnly() {
		String id = published(Map.of("title", "Snapshot me", "body", "**bold** text")).get("id").asString();
		String draft = draft(token(newUser(), AUTHOR), Map.of("title", "Not yet", "body", "x")).get("id").asString();

		List<String> seen = new ArrayList<>();
		String after = null;
		while (true) {
			JsonNode page = expect(
					get("/internal/content/articles/snapshots?size=2" + ((after != null) ? "&after=" + after : ""),
							null, "X-Nori-Internal-Secret", INTERNAL_SECRET),
					200);
			if (page.isEmpty()) {
				break;
			}
			for (JsonNode snapshot : page) {
				String current = snapshot.get("articleId").asString();
				assertThat(after == null || current.compareTo(after) > 0).as("id order").isTrue();
				seen.add(current);
				if (current.equals(id)) {
					assertThat(snapshot.get("bodyText").asString()).isEqualTo("bold text");
					assertThat(snapshot.get("state").asString()).isEqualTo("published");
					assertThat(snapshot.get("version").asLong()).isPositive();
				}
				after = current;
			}
		}
		assertThat(seen).contains(id).doesNotContain(draft);

		assertThat(get("/internal/content/articles/snapshots", null).statusCode()).isEqualTo(403);
		assertThat(get("/internal/content/articles/snapshots", null, "X-Nori-Internal-Secret", "guess").statusCode())
			.isEqualTo(403);
		assertThat(
				get("/internal/content/articles/snapshots?size=5000", null, "X-Nori-Internal-Secret", INTERNAL_SECRET)
					.statusCode())
			.isEqualTo(400);
	}

}
