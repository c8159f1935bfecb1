package dev.nori.search.content;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.nori.contracts.content.ArticleEvents;
import dev.nori.contracts.content.ArticleSnapshot;
import dev.nori.contracts.content.CategoryMoved;
import dev.nori.contracts.content.CategoryRef;
import dev.nori.contracts.content.CategoryUpdated;
import dev.nori.contracts.event.EventEnvelope;
import dev.nori.search.SearchServiceIT;
import dev.nori.search.engine.SearchEngine;
import dev.nori.testsupport.TestEvents;
import dev.nori.testsupport.TestHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The content index kept from article events on the real broker, searched over HTTP. */
class ContentSyncIT extends SearchServiceIT {

	@Autowired
	private Environment environment;

	@Autowired
	private TransactionTemplate transaction;

	@Autowired
	private ContentIndex contentIndex;

	@Autowired
	private CategoryMovedHandler categoryMoved;

	@Autowired
	private SearchEngine engine;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void aPublishedArticleIsSearchableWithinASecondWithItsHighlightAndGoesWhenUnpublished() {
		UUID id = UUID.randomUUID();
		String word = "zanzibar" + id.toString().substring(0, 6).replaceAll("[0-9]", "q");
		CategoryRef tech = new CategoryRef(UUID.randomUUID(), "tech", "Tech");
		CategoryRef java = new CategoryRef(UUID.randomUUID(), "java", "Java");
		try (TestEvents events = new TestEvents()) {
			events.publish(UUID.randomUUID(), ArticleEvents.PUBLISHED, id.toString(), article(id, "All about " + word,
					"The body mentions " + word + " once.", "published", 2, List.of(tech, java)));
			long published = System.nanoTime();
			await().atMost(Duration.ofSeconds(1)).until(() -> search("q=" + word).get("totalItems").asLong() == 1);
			assertThat(Duration.ofNanos(System.nanoTime() - published)).isLessThan(Duration.ofSeconds(1));
			JsonNode hit = search("q=" + word).get("items").get(0);
			assertThat(hit.get("id").asString()).isEqualTo(id.toString());
			assertThat(hit.get("highlights").get("title").asString()).isEqualTo("All about <mark>" + word + "</mark>");
			assertThat(hit.has("body")).isFalse();
			// the parent category finds it too
			assertThat(search("q=" + word + "&category=tech").get("totalItems").asLong()).isEqualTo(1);
			assertThat(search("q=" + word + "&category=" + java.id()).get("totalItems").asLong()).isEqualTo(1);
			assertThat(search("q=" + word + "&category=life").get("totalItems").asLong()).isZero();
			assertThat(search("q=" + word).get("facets").get("categories").get("tech").asLong()).isEqualTo(1);

			events.publish(UUID.randomUUID(), ArticleEvents.UNPUBLISHED, id.toString(),
					article(id, "All about " + word, "…", "draft", 3, List.of()));
			await().atMost(Duration.ofSeconds(5)).until(() -> search("q=" + word).get("totalItems").asLong() == 0);
		}
	}

	@Test
	void anOlderEventAfterANewerOneAndDuplicatesChangeNothing() {
		UUID id = UUID.randomUUID();
		String word = "quetzal" + id.toString().substring(0, 6).replaceAll("[0-9]", "k");
		try (TestEvents events = new TestEvents()) {
			UUID newest = UUID.randomUUID();
			ArticleSnapshot v3 = article(id, "Revised " + word, "Third version", "published", 3, List.of());
			events.publish(newest, ArticleEvents.UPDATED, id.toString(), v3);
			events.publish(newest, ArticleEvents.UPDATED, id.toString(), v3);
			await().atMost(Duration.ofSeconds(5)).until(() -> search("q=" + word).get("totalItems").asLong() == 1);
			// version 2 arrives late: a stale title, and as an unpublish it
			// would remove it
			events.publish(UUID.randomUUID(), ArticleEvents.PUBLISHED, id.toString(),
					article(id, "Original " + word, "Second version", "published", 2, List.of()));
			events.publish(UUID.randomUUID(), ArticleEvents.UNPUBLISHED, id.toString(),
					article(id, "Original " + word, "Second version", "draft", 2, List.of()));
			// a marker published after the stragglers: once it is searchable,
			// they were handled
			UUID marker = UUID.randomUUID();
			events.publish(UUID.randomUUID(), ArticleEvents.PUBLISHED, marker.toString(),
					article(marker, "Marker " + word, "marker", "published", 1, List.of()));
			await().atMost(Duration.ofSeconds(5)).until(() -> search("q=" + word).get("totalItems").asLong() == 2);
			JsonNode hits = search("q=" + encoded("revised " + word)).get("items");
			assertThat(hits.get(0).get("title").asString()).isEqualTo("Revised " + word);
			assertThat(search("q=" + encoded("original " + word)).get("totalItems").asLong()).isZero();

			events.publish(UUID.randomUUID(), ArticleEvents.DELETED, id.toString(),
					article(id, "Revised " + word, "Third version", "published", 4, List.of()));
			await().atMost(Duration.ofSeconds(5)).until(() -> search("q=" + word).get("totalItems").asLong() == 1);
		}
	}

	@Test
	void theConsumerLagIsInTheReadinessDetailsAndTheIndexDelayAMetric() {
		UUID id = UUID.randomUUID();
		try (TestEvents events = new TestEvents()) {
			events.publish(UUID.randomUUID(), ArticleEvents.PUBLISHED, id.toString(),
					article(id, "Lag probe", "lag", "published", 1, List.of()));
		}
		int management = this.environment.getRequiredProperty("local.management.port", Integer.class);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode readiness = JSON.readTree(TestHttp.get(management, "/actuator/health/readiness", "lag").body());
			JsonNode lag = readiness.get("components").get("consumerLag");
			assertThat(lag.get("status").asString()).isEqualTo("UP");
			assertThat(lag.get("details").get("lag").has("nori.content.articles")).isTrue();
			assertThat(lag.get("details").get("total").asLong()).isZero();
		});
		String metrics = TestHttp.get(management, "/actuator/prometheus", "lag").body();
		assertThat(metrics).contains("nori_eventing_consumer_lag");
		// searches that queue for their turn, and those refused after the queue timeout
		assertThat(metrics).containsPattern("(?m)^nori_search_waiting(\\{[^}]*\\})? 0\\.0$")
			.containsPattern("(?m)^nori_search_refused_total(\\{[^}]*\\})? 0\\.0$");
		// how long changes take to become searchable: at least the probe was measured
		java.util.regex.Matcher indexed = java.util.regex.Pattern
			.compile("(?m)^nori_search_index_delay_seconds_count(?:\\{[^}]*\\})? ([0-9.]+)$")
			.matcher(metrics);
		assertThat(indexed.find()).as(metrics).isTrue();
		assertThat(Double.parseDouble(indexed.group(1))).isGreaterThanOrEqualTo(1);
	}

	@Test
	void aMovedOrRenamedCategoryMovesTheArticlesUnderIt() {
		UUID id = UUID.randomUUID();
		String word = "marimba" + id.toString().substring(0, 6).replaceAll("[0-9]", "m");
		Tree tree = new Tree(word);
		CategoryRef tech = tree.tech();
		CategoryRef java = tree.java();
		CategoryRef languages = tree.languages();
		try (TestEvents events = new TestEvents()) {
			events.publish(UUID.randomUUID(), ArticleEvents.PUBLISHED, id.toString(),
					article(id, "Moving " + word, "x", "published", 1, List.of(tech, java)));
			await().atMost(Duration.ofSeconds(5))
				.until(() -> search("category=" + tech.slug()).get("totalItems").asLong() == 1);
			events.publish(UUID.randomUUID(), CategoryMoved.TYPE, java.id().toString(),
					new CategoryMoved(java.id(), tech.id(), languages.id(), List.of(languages, java), Instant.now()));
			await().atMost(Duration.ofSeconds(5))
				.until(() -> search("category=" + languages.slug()).get("totalItems").asLong() == 1);
			assertThat(search("category=" + tech.slug()).get("totalItems").asLong()).isZero();
			assertThat(search("q=" + word).get("items").get(0).get("categories").toString())
				.isEqualTo("[\"" + languages.slug() + "\",\"" + java.slug() + "\"]");

			CategoryRef renamed = new CategoryRef(languages.id(), "renamed-" + word, "Programming languages");
			events.publish(UUID.randomUUID(), CategoryUpdated.TYPE, languages.id().toString(),
					new CategoryUpdated(languages.id(), List.of(renamed), Instant.now()));
			await().atMost(Duration.ofSeconds(5))
				.until(() -> search("category=" + renamed.slug()).get("totalItems").asLong() == 1);
			assertThat(search("category=" + languages.id()).get("totalItems").asLong()).isEqualTo(1);
			assertThat(search("category=" + java.id()).get("totalItems").asLong()).isEqualTo(1);
		}
	}

	@Test
	void anArticleAndAMoveOfItsCategoryInOneBatchEndUnderTheNewPath() {
		UUID id = UUID.randomUUID();
		String word = "ocarina" + id.toString().substring(0, 6).replaceAll("[0-9]", "o");
		Tree tree = new Tree(word);
		// as the consumer applies a polled batch: the article's change is held until the
		// commit, and the move must see it
		this.transaction.executeWithoutResult((status) -> {
			this.contentIndex.handle(envelope(ArticleEvents.PUBLISHED.name(),
					article(id, "Batched " + word, "x", "published", 1, List.of(tree.tech(), tree.java()))));
			this.categoryMoved.handle(envelope(CategoryMoved.TYPE.name(), new CategoryMoved(tree.java().id(),
					tree.tech().id(), tree.languages().id(), List.of(tree.languages(), tree.java()), Instant.now())));
		});
		assertThat(search("category=" + tree.languages().slug()).get("totalItems").asLong()).isEqualTo(1);
		assertThat(search("category=" + tree.tech().slug()).get("totalItems").asLong()).isZero();
		// the journal no longer holds the article under its old path: a start after a
		// crash keeps the new one
		assertThat(journaled(id)).isEmpty();
		this.contentIndex.replayJournal();
		assertThat(search("category=" + tree.languages().slug()).get("totalItems").asLong()).isEqualTo(1);
	}

	@Test
	void changesStayInTheJournalUntilTheEngineCommitsThemAndAreAppliedAgainAfterALoss() {
		UUID id = UUID.randomUUID();
		String word = "kalimba" + id.toString().substring(0, 6).replaceAll("[0-9]", "k");
		// two batches, no engine commit between them: both changes are journaled
		this.transaction
			.executeWithoutResult((status) -> this.contentIndex.handle(envelope(ArticleEvents.PUBLISHED.name(),
					article(id, "First " + word, "x", "published", 1, List.of()))));
		this.transaction.executeWithoutResult((status) -> this.contentIndex.handle(
				envelope(ArticleEvents.UPDATED.name(), article(id, "Second " + word, "x", "published", 2, List.of()))));
		// searchable at once, before any engine commit
		assertThat(search("q=" + word).get("items").get(0).get("title").asString()).isEqualTo("Second " + word);
		assertThat(journaled(id)).containsExactly(1L, 2L);

		// what a crash before the engine's commit loses
		this.engine.delete(ContentIndex.INDEX, id.toString());
		this.engine.refresh();
		assertThat(search("q=" + word).get("totalItems").asLong()).isZero();
		// a start applies the newest journaled version again
		assertThat(this.contentIndex.replayJournal()).isGreaterThanOrEqualTo(1);
		assertThat(search("q=" + word).get("items").get(0).get("title").asString()).isEqualTo("Second " + word);
		assertThat(journaled(id)).isEmpty();

		this.transaction.executeWithoutResult((status) -> this.contentIndex.handle(
				envelope(ArticleEvents.UNPUBLISHED.name(), article(id, "Second " + word, "x", "draft", 3, List.of()))));
		assertThat(journaled(id)).containsExactly(3L);
		assertThat(this.contentIndex.commit()).isGreaterThanOrEqualTo(1);
		assertThat(journaled(id)).isEmpty();
		assertThat(search("q=" + word).get("totalItems").asLong()).isZero();
	}

	private java.util.List<Long> journaled(UUID id) {
		return this.jdbc.sql("select version from index_journal where doc_id = ? order by seq")
			.param(id.toString())
			.query(Long.class)
			.list();
	}

	// tech > java, and languages, where java moves to; slugs unique to a test
	private record Tree(CategoryRef tech, CategoryRef java, CategoryRef languages) {

		Tree(String word) {
			this(new CategoryRef(UUID.randomUUID(), "tech-" + word, "Tech"),
					new CategoryRef(UUID.randomUUID(), "java-" + word, "Java"),
					new CategoryRef(UUID.randomUUID(), "lang-" + word, "Languages"));
		}

	}

	private static <T> EventEnvelope<T> envelope(String type, T data) {
		return new EventEnvelope<>(UUID.randomUUID(), "/test", type, "", Instant.now(), null, null, data);
	}

	@Test
	void malformedQueriesAreClearProblemsNeverErrors() {
		Map<String, String> bad = Map.of("q=" + encoded("\"unbalanced phrase"), "q", "q=" + "x".repeat(501), "q",
				"q=a&page=-1", "page", "q=a&size=500", "size", "q=a&color=blue", "color", "q=a&from=yesterday", "from",
				"q=a&sort=random", "sort", "q=a&page=abc", "page", "page=1000&size=50", "page");
		bad.forEach((query, field) -> {
			HttpResponse<String> response = send("GET", "/api/search?" + query, null, null);
			assertThat(response.statusCode()).as(query.substring(0, Math.min(40, query.length()))).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(response.body()).as(query.substring(0, Math.min(40, query.length())))
				.contains("\"field\":\"" + field + "\"");
		});
		// ten thousand characters do not fit Tomcat's request line: refused before the
		// service, still as problem JSON
		HttpResponse<String> huge = send("GET", "/api/search?q=" + "x".repeat(10_000), null, null);
		assertThat(huge.statusCode()).isEqualTo(400);
		assertThat(huge.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(huge.body()).doesNotContain("Exception").doesNotContain("at org.");
		for (String odd : List.of("AND", "title:x", "*", "a~2", "(", "\\", "-", "+foo", "\u0000")) {
			assertThat(send("GET", "/api/search?q=" + encoded(odd), null, null).statusCode()).as(odd).isEqualTo(200);
		}
	}

	@Test
	void genericIndexesTakeAnyDocumentFromHoldersOfSearchIndex() {
		String index = "products-" + UUID.randomUUID().toString().substring(0, 8);
		String writer = token(List.of("search.index"));
		assertThat(send("PUT", "/api/search/indexes/" + index + "/documents/p-1",
				Map.of("name", "Copper kettle", "colour", "red"), writer)
			.statusCode()).isEqualTo(204);
		await().atMost(Duration.ofSeconds(2))
			.until(() -> JSON.readTree(send("GET", "/api/search/indexes/" + index + "?q=kettle", null, null).body())
				.get("totalItems")
				.asLong() == 1);
		assertThat(send("PUT", "/api/search/indexes/" + index + "/documents/p-2", Map.of("name", "x"), token(List.of()))
			.statusCode()).isEqualTo(403);
		assertThat(
				send("PUT", "/api/search/indexes/" + index + "/documents/p-2", Map.of("name", "x"), null).statusCode())
			.isEqualTo(401);
		assertThat(send("PUT", "/api/search/indexes/Bad_Name/documents/p-2", Map.of("name", "x"), writer).statusCode())
			.isEqualTo(400);
		assertThat(send("PUT", "/api/search/indexes/content/documents/p-2", Map.of("name", "x"), writer).statusCode())
			.isEqualTo(400);
		assertThat(send("PUT", "/api/search/indexes/" + index + "/documents/p-2", "[1,2]", writer).statusCode())
			.isEqualTo(400);
		assertThat(send("GET", "/api/search/indexes/nothing-here?q=x", null, null).statusCode()).isEqualTo(404);
		assertThat(send("DELETE", "/api/search/indexes/" + index + "/documents/p-1", null, writer).statusCode())
			.isEqualTo(204);
		await().atMost(Duration.ofSeconds(2))
			.until(() -> JSON.readTree(send("GET", "/api/search/indexes/" + index + "?q=kettle", null, null).body())
				.get("totalItems")
				.asLong() == 0);
	}

}
