package dev.nori.search.lucene;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.nori.search.engine.SearchEngine;
import dev.nori.search.engine.SearchEngineBehaviour;
import dev.nori.search.engine.SearchPage;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine behaviour suite on the Lucene engine, plus what only an embedded index does.
 */
class LuceneEngineTest extends SearchEngineBehaviour {

	@TempDir
	static Path directory;

	private LuceneEngine engine;

	@Override
	protected SearchEngine engine() {
		if (this.engine == null) {
			this.engine = open(directory);
		}
		return this.engine;
	}

	@Override
	protected void settle() {
		this.engine.refreshAll();
	}

	@AfterEach
	void close() throws Exception {
		this.engine.destroy();
		this.engine = null;
	}

	@Test
	void stemmingFindsOtherFormsOfAWord() {
		// "searching" and "search" share a stem: the typo'd word finds the
		// body's form too
		assertThat(search("serching", Map.of(), false).hits()).extracting(SearchPage.Hit::id)
			.containsExactly("a1", "a2");
	}

	@Test
	void aRestartKeepsTheIndexAndWhichFolderServesIt() throws Exception {
		String rebuilt = this.index + "-next";
		this.engine.ensureIndex(rebuilt, SCHEMA);
		this.engine.upsert(rebuilt, "r1", Map.of("title", "Rebuilt", "tags", List.of("new")));
		this.engine.replace(this.index, rebuilt);
		this.engine.flush();
		this.engine.destroy();
		this.engine = open(directory);
		this.engine.ensureIndex(this.index, SCHEMA);
		assertThat(this.engine.count(this.index)).isEqualTo(1);
		assertThat(search("rebuilt", Map.of(), false).hits()).extracting(SearchPage.Hit::id).containsExactly("r1");
	}

	@Test
	void aLargeResultIsCountedWholeWhileItsPageIsScoredOnlyAsFarAsItTakes() {
		// more matches than the page's collector counts before it starts skipping (1,000)
		for (int i = 0; i < 2500; i++) {
			String title = (i == 1777) ? "Walrus and walrus" : "Note " + i;
			put("n" + i, title, "A walrus note, number " + i, List.of((i % 2 == 0) ? "even" : "odd"),
					List.of((i % 5 == 0) ? "fifth" : "other"), "eve", "2026-04-01T10:00:00Z");
		}
		settle();
		SearchPage page = search("walrus", Map.of(), false);
		assertThat(page.total()).isEqualTo(2500);
		assertThat(page.hits()).hasSize(10);
		assertThat(page.hits().get(0).id()).as("the one title match outranks every body match").isEqualTo("n1777");
		assertThat(page.facets().get("tags")).containsEntry("even", 1250L).containsEntry("odd", 1250L);
		assertThat(page.facets().get("categories")).containsEntry("fifth", 500L).containsEntry("other", 2000L);
		SearchPage newest = search("walrus", Map.of("tag", List.of("odd")), true);
		assertThat(newest.total()).isEqualTo(1250);
		assertThat(newest.facets().get("tags")).containsOnlyKeys("odd");
	}

	@Test
	void aDocumentIndexedBeforeHitsHadDocValuesIsStillAnswered() {
		// as the engine wrote documents before: id and source in stored fields only
		Map<String, Object> source = Map.of("title", "Walrus of old", "body", "An old walrus", "tags", List.of("old"));
		Document old = this.engine.document(this.index, "old1", source);
		old.removeField(StoredHits.FIELD);
		old.removeField("_id");
		old.add(new StringField("_id", "old1", Field.Store.YES));
		old.add(new StoredField("_source", JsonMapper.builder().build().writeValueAsString(source)));
		this.engine.write(this.index, "old1", old);
		put("new1", "Walrus of now", "A new walrus", List.of("new"), List.of(), "eve", "2026-04-01T10:00:00Z");
		settle();

		SearchPage page = search("walrus", Map.of(), false);
		assertThat(page.hits()).extracting(SearchPage.Hit::id).containsExactlyInAnyOrder("old1", "new1");
		SearchPage.Hit hit = page.hits().stream().filter((each) -> each.id().equals("old1")).findFirst().orElseThrow();
		assertThat(hit.document()).isEqualTo(source);
		assertThat(hit.highlights().get("title")).isEqualTo("<mark>Walrus</mark> of old");
	}

	private static LuceneEngine open(Path directory) {
		return new LuceneEngine(new LuceneProperties(directory, "english", Duration.ofHours(1), Duration.ofHours(1), 0,
				Duration.ofSeconds(5)), JsonMapper.builder().build());
	}

}
