package dev.nori.search.lucene;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.nori.search.engine.IndexSchema;
import dev.nori.search.engine.QueryText;
import dev.nori.search.engine.SearchPage;
import dev.nori.search.engine.SearchQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The Lucene engine on a real on-disk index. */
class LuceneEngineTest {

	private static final IndexSchema SCHEMA = new IndexSchema(Map.of("title", 4f, "body", 1f, "tags", 2f),
			Set.of("tag", "category", "author"), Set.of("tags", "categories"), Set.of("title", "body"), "publishedAt");

	@TempDir
	Path directory;

	private LuceneEngine engine;

	@BeforeEach
	void open() {
		this.engine = engine(this.directory);
		this.engine.ensureIndex("articles", SCHEMA);
		put("a1", "Searching with Lucene", "How an inverted index answers queries fast.", List.of("lucene", "java"),
				List.of("tech", "tech-search"), "ada", "2026-01-10T10:00:00Z");
		put("a2", "Cooking pasta", "Salt the water. An index of recipes is not a search engine.", List.of("food"),
				List.of("life"), "bob", "2026-03-01T10:00:00Z");
		put("a3", "Java records", "Records are classes for data; Lucene is written in Java.", List.of("java"),
				List.of("tech", "tech-java"), "ada", "2026-02-01T10:00:00Z");
		this.engine.refreshAll();
	}

	@AfterEach
	void close() throws Exception {
		this.engine.destroy();
	}

	@Test
	void titlesOutrankBodiesAndTyposAreTolerated() {
		SearchPage lucene = search("lucene", Map.of(), false);
		assertThat(lucene.hits()).extracting(SearchPage.Hit::id).containsExactly("a1", "a3");
		assertThat(search("lucnee", Map.of(), false).hits()).extracting(SearchPage.Hit::id).contains("a1", "a3");
		// a typo in the title's word still ranks the title above a body that has it right
		assertThat(search("serching", Map.of(), false).hits()).extracting(SearchPage.Hit::id)
			.containsExactly("a1", "a2");
		assertThat(search("zebra", Map.of(), false).total()).isZero();
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
		SearchPage all = search("", Map.of(), true);
		assertThat(all.hits()).extracting(SearchPage.Hit::id).containsExactly("a2", "a3", "a1");
		assertThat(all.facets().get("tags")).containsEntry("java", 2L)
			.containsEntry("lucene", 1L)
			.containsEntry("food", 1L);
		assertThat(all.facets().get("categories")).containsEntry("tech", 2L).containsEntry("life", 1L);
		SearchPage february = this.engine.search("articles", new SearchQuery(List.of(), List.of(), Map.of(),
				Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-02-28T23:59:59Z"), true, 0, 10));
		assertThat(february.hits()).extracting(SearchPage.Hit::id).containsExactly("a3");
	}

	@Test
	void highlightsMarkTheMatchesAndEscapeEverythingElse() {
		put("x", "Escaping <script>alert(1)</script> in search", "Nothing else", List.of(), List.of(), "eve",
				"2026-04-01T10:00:00Z");
		this.engine.refreshAll();
		SearchPage found = search("escaping", Map.of(), false);
		assertThat(found.hits().get(0).highlights().get("title"))
			.isEqualTo("<mark>Escaping</mark> &lt;script&gt;alert(1)&lt;&#x2F;script&gt; in search");
		SearchPage fuzzy = search("lucnee", Map.of(), false);
		assertThat(fuzzy.hits().get(0).highlights().get("title")).contains("<mark>Lucene</mark>");
	}

	@Test
	void pagesDeletesReplacementsAndARestartKeepTheIndex() throws Exception {
		SearchPage second = this.engine.search("articles",
				new SearchQuery(List.of(), List.of(), Map.of(), null, null, true, 1, 1));
		assertThat(second.total()).isEqualTo(3);
		assertThat(second.hits()).extracting(SearchPage.Hit::id).containsExactly("a3");
		put("a3", "Java records, revised", "Still about records.", List.of("java"), List.of("tech"), "ada",
				"2026-02-01T10:00:00Z");
		this.engine.delete("articles", "a2");
		this.engine.refreshAll();
		assertThat(this.engine.count("articles")).isEqualTo(2);
		assertThat(search("revised", Map.of(), false).hits().get(0).document()).containsEntry("title",
				"Java records, revised");

		this.engine.flush();
		this.engine.destroy();
		this.engine = engine(this.directory);
		this.engine.ensureIndex("articles", SCHEMA);
		assertThat(this.engine.count("articles")).isEqualTo(2);
		assertThat(search("lucene", Map.of(), false).hits()).extracting(SearchPage.Hit::id).containsExactly("a1");
	}

	@Test
	void genericIndexesSearchEveryStringField() {
		this.engine.ensureIndex("products", IndexSchema.GENERIC);
		this.engine.upsert("products", "p1", Map.of("name", "Blue kettle", "notes", List.of("whistles", "steel"),
				"price", 25, "nested", Map.of("ignored", "text")));
		this.engine.refreshAll();
		assertThat(this.engine.search("products", query("steel kettle")).hits()).extracting(SearchPage.Hit::id)
			.containsExactly("p1");
		assertThat(this.engine.search("products", query("ignored")).total()).isZero();
		assertThat(this.engine.search("products", query("kettle")).hits().get(0).document()).containsEntry("price", 25);
	}

	private SearchPage search(String q, Map<String, List<String>> filters, boolean newest) {
		QueryText text = QueryText.parse(q);
		return this.engine.search("articles",
				new SearchQuery(text.terms(), text.phrases(), filters, null, null, newest, 0, 10));
	}

	private static SearchQuery query(String q) {
		QueryText text = QueryText.parse(q);
		return new SearchQuery(text.terms(), text.phrases(), Map.of(), null, null, false, 0, 10);
	}

	private void put(String id, String title, String body, List<String> tags, List<String> categories, String author,
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
		this.engine.upsert("articles", id, document);
	}

	private static LuceneEngine engine(Path directory) {
		return new LuceneEngine(new LuceneProperties(directory, "english", Duration.ofHours(1), Duration.ofHours(1)),
				JsonMapper.builder().build());
	}

}
