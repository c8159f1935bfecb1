package dev.nori.content.paging;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.nori.content.ContentServiceIT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class PagingIT extends ContentServiceIT {

	@Test
	void offsetPagesCarryTotalsAndEnforceTheMaximumSize() {
		String tag = "paging-" + UUID.randomUUID().toString().substring(0, 8);
		for (int i = 0; i < 5; i++) {
			published(Map.of("tags", List.of(tag)));
		}
		List<String> seen = new ArrayList<>();
		for (int page = 1; page <= 3; page++) {
			JsonNode body = expect(get("/api/content/articles?size=2&tag=" + tag + "&page=" + page, null), 200);
			assertThat(body.get("totalItems").asLong()).isEqualTo(5);
			assertThat(body.get("totalPages").asLong()).isEqualTo(3);
			assertThat(body.get("page").asInt()).isEqualTo(page);
			seen.addAll(ids(body));
		}
		assertThat(seen).hasSize(5).doesNotHaveDuplicates();
		assertThat(ids(expect(get("/api/content/articles?size=2&page=4&tag=" + tag, null), 200))).isEmpty();

		JsonNode tooBig = problem(get("/api/content/articles?size=101&page=0", null), 400);
		assertThat(invalidFields(tooBig)).containsExactlyInAnyOrder("size", "page");
		problem(get("/api/content/articles?size=ten", null), 400);
	}

	@Test
	void theFeedContinuesWhereTheCursorSays() {
		List<String> newestFirst = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			newestFirst.add(0, published(Map.of()).get("id").asString());
			this.clock.advance(java.time.Duration.ofMillis(5));
		}
		JsonNode first = expect(get("/api/content/feed?size=2", null), 200);
		assertThat(ids(first)).containsExactly(newestFirst.get(0), newestFirst.get(1));
		String cursor = first.get("nextCursor").asString();

		// published meanwhile: neither repeated nor shifting the next slice
		published(Map.of());
		JsonNode second = expect(get("/api/content/feed?size=2&cursor=" + cursor, null), 200);
		assertThat(ids(second).get(0)).isEqualTo(newestFirst.get(2));
	}

	@Test
	void aTamperedOrForeignCursorIsABadRequest() {
		published(Map.of());
		published(Map.of());
		String cursor = expect(get("/api/content/feed?size=1", null), 200).get("nextCursor").asString();
		String payload = new String(Base64.getUrlDecoder().decode(cursor.substring(0, cursor.indexOf('.'))));
		// the same position moved one second: a valid shape, a wrong signature
		String[] parts = payload.split("\\|");
		String shifted = parts[0] + "|" + (Long.parseLong(parts[1]) - 1) + "|" + parts[2] + "|" + parts[3];
		String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(shifted.getBytes())
				+ cursor.substring(cursor.indexOf('.'));
		for (String bad : List.of(forged, "garbage", cursor + "x", cursor.replace('.', '-'), "." + "A".repeat(600))) {
			JsonNode problem = problem(get("/api/content/feed?cursor=" + bad, null), 400);
			assertThat(problem.get("detail").asString()).contains("cursor");
		}
		// a cursor of one feed does not work on another
		problem(get("/api/content/posts?cursor=" + cursor, null), 400);
	}

}
