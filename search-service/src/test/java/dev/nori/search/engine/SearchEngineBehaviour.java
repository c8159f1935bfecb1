package dev.nori.search.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every engine must do, whatever it is: one suite, run against each engine that can
 * run here. Subclasses supply the engine and a way to wait until writes are searchable.
 */
public abstract class SearchEngineBehaviour {

	/** The schema the suite indexes with: the content index's shape. */
	protected static final IndexSchema SCHEMA = new IndexSchema(Map.of("title", 4f, "body", 1f, "tags", 2f),
			Set.of("tag", "category", "author"), Set.of("tags", "categories"), Set.of("title", "body"), "publishedAt");

	/** The suite's index. */
	protected String index;

	/**
	 * Returns the engine under test.
	 * @return the engine
	 */
	protected abstract SearchEngine engine();

	/** Makes every write so far searchable. */
	protected abstract void settle();

	@BeforeEach
	void threeArticles() {
		this.index = "articles-" + Long.toHexString(System.nanoTime());
		engine().ensureIndex(this.index, SCHEMA);
		put("a1", "Searching with Lucene", "How an inverted index answers queries fast.", List.of("lucene", "java"),
				List.of("tech", "tech-search"), "ada", "2026-01-10T10:00:00Z");
		put("a2", "Cooking pasta", "Salt the water. An index of recipes is not a search engine.", List.of("food"),
				List.of("life"), "bob", "2026-03-01T10:00:00Z");
		put("a3", "Java records", "Records are classes for data; Lucene is written in Java.", List.of("java"),
				List.of("tech", "tech-java"), "ada", "2026-02-01T10:00:00Z");
		settle();
	}

	@Test
	void titlesOutrankBodiesAndTyposAreTolerated() {
		assertThat(search("lucene", Map.of(), false).hits()).extracting(SearchPage.Hit::id).containsExactly("a1", "a3");
		assertThat(search("lucenne", Map.of(), false).hits()).extracting(SearchPage.Hit::id).contains("a1", "a3");
		assertThat(search("serching", Map.of(), false).hits()).extracting(SearchPage.Hit::id).startsWith("a1");
		assertThat(search("zebra", Map.of(), false).total()).isZero();
	}

	@Test
	void oneTypoFromFiveLettersTwoFromNine() {
		put("t", "Kiwi mandolin jacaranda", "Nothing else", List.of(), List.of(), "eve", "2026-04-01T10:00:00Z");
		settle();
		assertThat(search("kiwo", Map.of(), false).total()).as("four letters: no typo").isZero();
		assertThat(search("mendolin", Map.of(), false).hits()).extracting(SearchPage.Hit::id).containsExactly("t");
		assertThat(search("mendolan", Map.of(), false).total()).as("eight letters: one typo").isZero();
		assertThat(search("jakarandq", Map.of(), false).hits()).extracting(SearchPage.Hit::id).containsExactly("t");
	}

	@Test
	void phrasesMatchExactlyAndEveryWordMustMatch() {
		assertThat(search("\"inverted index\"", Map.of(), false).hits()).extracting(SearchPage.Hit::id)
			.containsExactly("a1");
		assertThat(search("\"index inverted\"", Map.of(), false).total()).isZero();
		assertThat(search("java records", Map.of(), false).hits()).extracting(SearchPage.Hit::id).containsExactly("a3");
	}

	@Test
	void filtersFacetsDatesAndTheNewestOrder() {
		// a category matches its descendants: documents hold their whole path
		assertThat(search("", Map.of("category", List.of("tech")), false).total()).isEqualTo(2);
		assertThat(search("", Map.of("category", List.of("tech-java")), false).hits()).extracting(SearchPage.Hit::id)
			.containsExactly("a3");
		assertThat(search("", Map.of("tag", List.of("food", "lucene")), false).total()).isEqualTo(2);
		assertThat(search("", Map.of("author", List.of("ada")), true).hits()).extracting(SearchPage.Hit::id)
			.containsExactly("a3", "a1");
		assertThat(search("", Map.of("author", List.of("o'brien \\ \"x\"")), true).total()).isZero();
		SearchPage all = search("", Map.of(), true);
		assertThat(all.hits()).extracting(SearchPage.Hit::id).containsExactly("a2", "a3", "a1");
		assertThat(all.facets().get("tags")).containsEntry("java", 2L)
			.containsEntry("lucene", 1L)
			.containsEntry("food", 1L);
		assertThat(all.facets().get("categories")).containsEntry("tech", 2L).containsEntry("life", 1L);
		SearchPage february = engine().search(this.index,
				new SearchQuery(List.of(), List.of(), Map.of(), java.time.Instant.parse("2026-02-01T00:00:00Z"),
						java.time.Instant.parse("2026-02-28T23:59:59Z"), true, 0, 10));
		assertThat(february.hits()).extracting(SearchPage.Hit::id).containsExactly("a3");
	}

	@Test
	void highlightsMarkTheMatchesAndEscapeEverythingElse() {
		put("x", "Escaping <script>alert(1)</script> in search", "Nothing else", List.of(), List.of(), "eve",
				"2026-04-01T10:00:00Z");
		settle();
		SearchPage found = search("escaping", Map.of(), false);
		String title = found.hits().get(0).highlights().get("title");
		assertThat(title).startsWith("<mark>Escaping</mark> ").contains("&lt;script&gt;").doesNotContain("<script>");
		// a word found despite a typo is marked too
		assertThat(search("lucenne", Map.of(), false).hits().get(0).highlights().get("title"))
			.contains("<mark>Lucene</mark>");
	}

	@Test
	void aLongBodyIsHighlightedAroundItsMatchNotWhole() {
		StringBuilder body = new StringBuilder();
		for (int i = 0; i < 200; i++) {
			// one sentence of about 1,700 characters: no full stop to end a passage
			body.append((i == 100) ? "walrus" : "filler" + i).append(' ');
		}
		put("long", "A long read", body.toString(), List.of(), List.of(), "eve", "2026-04-01T10:00:00Z");
		settle();
		String snippet = search("walrus", Map.of(), false).hits().get(0).highlights().get("body");
		assertThat(snippet).contains("<mark>walrus</mark>").doesNotContain("filler0 ").doesNotContain("filler199");
		assertThat(snippet.length()).as(snippet).isLessThan(600);
	}

	@Test
	void pagesDeletesAndReplacements() {
		SearchPage second = engine().search(this.index,
				new SearchQuery(List.of(), List.of(), Map.of(), null, null, true, 1, 1));
		assertThat(second.total()).isEqualTo(3);
		assertThat(second.hits()).extracting(SearchPage.Hit::id).containsExactly("a3");
		put("a3", "Java records, revised", "Still about records.", List.of("java"), List.of("tech"), "ada",
				"2026-02-01T10:00:00Z");
		engine().delete(this.index, "a2");
		settle();
		assertThat(engine().count(this.index)).isEqualTo(2);
		assertThat(search("revised", Map.of(), false).hits().get(0).document()).containsEntry("title",
				"Java records, revised");
	}

	@Test
	void aRebuiltIndexReplacesAnotherInOneStep() {
		String rebuilt = this.index + "-next";
		engine().ensureIndex(rebuilt, SCHEMA);
		Map<String, Object> only = new LinkedHashMap<>(Map.of("title", "Rebuilt from scratch", "body", "fresh"));
		engine().upsert(rebuilt, "r1", only);
		engine().flush();
		engine().replace(this.index, rebuilt);
		settle();
		assertThat(search("", Map.of(), false).hits()).extracting(SearchPage.Hit::id).containsExactly("r1");
		assertThat(engine().exists(rebuilt)).isFalse();
		// writes after the switch go to the rebuilt contents
		put("a9", "After the switch", "x", List.of(), List.of(), "ada", "2026-05-01T10:00:00Z");
		settle();
		assertThat(engine().count(this.index)).isEqualTo(2);
	}

	@Test
	void genericIndexesSearchEveryStringField() {
		String products = this.index + "-products";
		engine().ensureIndex(products, IndexSchema.GENERIC);
		engine().upsert(products, "p1",
				Map.of("name", "Blue kettle", "notes", List.of("whistles", "steel"), "price", 25));
		settle();
		assertThat(engine().search(products, query("steel kettle")).hits()).extracting(SearchPage.Hit::id)
			.containsExactly("p1");
		assertThat(engine().search(products, query("kettle")).hits().get(0).document()).containsEntry("price", 25);
	}

	/**
	 * Searches the suite's index.
	 * @param q the query text
	 * @param filters the filters
	 * @param newest whether newest first
	 * @return the first ten matches
	 */
	protected SearchPage search(String q, Map<String, List<String>> filters, boolean newest) {
		QueryText text = QueryText.parse(q);
		return engine().search(this.index,
				new SearchQuery(text.terms(), text.phrases(), filters, null, null, newest, 0, 10));
	}

	private static SearchQuery query(String q) {
		QueryText text = QueryText.parse(q);
		return new SearchQuery(text.terms(), text.phrases(), Map.of(), null, null, false, 0, 10);
	}

	/**
	 * Indexes an article-shaped document.
	 */
	protected void put(String id, String title, String body, List<String> tags, List<String> categories, String author,
			String publishedAt) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("title", title);
		document.put("body", body);
		document.put("tags", tags);
		document.put("tag", tags);
		document.put("categories", categories);
		document.put("category", categories);
		document.put("author", author);
		document.put("publishedAt", publishedAt);
		engine().upsert(this.index, id, document);
	}

}
