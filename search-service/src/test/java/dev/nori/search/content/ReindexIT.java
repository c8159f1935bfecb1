package dev.nori.search.content;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.nori.contracts.content.ArticleEvents;
import dev.nori.contracts.content.ArticleSnapshot;
import dev.nori.search.SearchServiceIT;
import dev.nori.testsupport.TestEvents;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Rebuilding the content index while it is searched and while events arrive. */
class ReindexIT extends SearchServiceIT {

	@Test
	void aRebuildSwapsInWithoutAnEmptyMomentAndKeepsWhatEventsChangedMeanwhile() throws Exception {
		String word = "kumquat" + UUID.randomUUID().toString().substring(0, 5).replaceAll("[0-9]", "z");
		UUID stale = UUID.randomUUID();
		UUID changed = UUID.randomUUID();
		UUID duringRebuild = UUID.randomUUID();
		try (TestEvents events = new TestEvents()) {
			events.publish(UUID.randomUUID(), ArticleEvents.PUBLISHED, stale.toString(),
					article(stale, "Stale " + word, "gone from content without an event", "published", 1, List.of()));
			events.publish(UUID.randomUUID(), ArticleEvents.PUBLISHED, changed.toString(),
					article(changed, "First " + word, "one", "published", 1, List.of()));
			await().atMost(Duration.ofSeconds(5)).until(() -> search("q=" + word).get("totalItems").asLong() == 2);

			// content-service holds the changed article at version 2 and 1,200 more
			// (three pages of 500), each page taking half a second
			List<ArticleSnapshot> published = new ArrayList<>();
			published.add(article(changed, "Second " + word, "two", "published", 2, List.of()));
			for (int i = 0; i < 1200; i++) {
				UUID id = UUID.randomUUID();
				published.add(article(id, "Bulk " + word + " " + i, "bulk", "published", 1, List.of()));
			}
			content.serve(published);
			content.pausePerPage(Duration.ofMillis(500));

			String admin = token(List.of("search.index"));
			assertThat(send("POST", "/api/search/admin/reindex", null, admin).statusCode()).isEqualTo(202);
			assertThat(send("POST", "/api/search/admin/reindex", null, admin).statusCode()).isEqualTo(409);
			assertThat(send("POST", "/api/search/admin/reindex", null, token(List.of())).statusCode()).isEqualTo(403);

			// an article published while the rebuild runs is in the rebuilt index too
			events.publish(UUID.randomUUID(), ArticleEvents.PUBLISHED, duringRebuild.toString(),
					article(duringRebuild, "During " + word, "new", "published", 1, List.of()));

			AtomicBoolean everEmpty = new AtomicBoolean();
			AtomicInteger searches = new AtomicInteger();
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
				searches.incrementAndGet();
				if (search("q=" + word).get("totalItems").asLong() == 0) {
					everEmpty.set(true);
				}
				return "done".equals(status(admin).get("state").asString());
			});
			assertThat(everEmpty).as("search answered nothing during the rebuild").isFalse();
			assertThat(searches.get()).isGreaterThan(10);
			assertThat(status(admin).get("documents").asLong()).isEqualTo(1201);

			assertThat(search("q=" + word + "&size=1").get("totalItems").asLong()).isEqualTo(1202);
			assertThat(search("q=stale+" + word).get("totalItems").asLong()).isZero();
			assertThat(search("q=second+" + word).get("totalItems").asLong()).isEqualTo(1);
			assertThat(search("q=during+" + word).get("totalItems").asLong()).isEqualTo(1);
		}
		finally {
			content.pausePerPage(Duration.ZERO);
		}
	}

	private JsonNode status(String token) {
		return JSON.readTree(send("GET", "/api/search/admin/reindex", null, token).body());
	}

}
