package dev.nori.search.meilisearch;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.UrlPathPattern;
import dev.nori.search.content.ContentIndex;
import dev.nori.search.engine.SearchPage;
import dev.nori.search.engine.SearchQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Contract tests: the Meilisearch driver against recorded HTTP exchanges that follow
 * Meilisearch's documented API (v1: indexes, settings, documents, tasks, search, swaps),
 * served by WireMock. They check what the driver sends and how it reads the answers; a
 * real server runs the same behaviour suite as Lucene in {@link MeilisearchEngineIT}
 * where Docker is available.
 */
class MeilisearchContractTest {

	private static final String TASK = """
			{"taskUid":%d,"indexUid":"content","status":"enqueued","type":"%s","enqueuedAt":"2026-11-27T10:00:00.000000Z"}""";

	private WireMockServer meilisearch;

	private MeilisearchEngine engine;

	@BeforeEach
	void start() {
		this.meilisearch = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
		this.meilisearch.start();
		this.meilisearch.stubFor(get(urlPathMatching("/tasks/[0-9]+")).willReturn(json(200, """
				{"uid":1,"indexUid":"content","status":"succeeded","type":"settingsUpdate","canceledBy":null,
				 "details":{},"error":null,"duration":"PT0.004S","enqueuedAt":"2026-11-27T10:00:00.000000Z",
				 "startedAt":"2026-11-27T10:00:00.001000Z","finishedAt":"2026-11-27T10:00:00.005000Z"}""")));
		this.meilisearch.stubFor(get(path("/indexes/content")).willReturn(json(404, """
				{"message":"Index `content` not found.","code":"index_not_found","type":"invalid_request",
				 "link":"https://docs.meilisearch.com/errors#index_not_found"}""")));
		this.meilisearch
			.stubFor(post(urlEqualTo("/indexes")).willReturn(json(202, TASK.formatted(1, "indexCreation"))));
		this.meilisearch.stubFor(
				patch(path("/indexes/content/settings")).willReturn(json(202, TASK.formatted(2, "settingsUpdate"))));
		this.engine = new MeilisearchEngine(new MeilisearchProperties(URI.create(this.meilisearch.baseUrl()),
				"test-key", Duration.ofSeconds(5), 1000, ""), JsonMapper.builder().build());
	}

	@AfterEach
	void stop() {
		this.meilisearch.findAllUnmatchedRequests()
			.forEach((r) -> System.out
				.println("UNMATCHED " + r.getMethod() + " " + r.getUrl() + " " + r.getBodyAsString()));
		this.meilisearch.stop();
	}

	@Test
	void aNewIndexIsCreatedWithItsSettingsInWeightOrder() {
		this.engine.ensureIndex("content", ContentIndex.SCHEMA);
		this.meilisearch
			.verify(postRequestedFor(urlEqualTo("/indexes")).withHeader("Authorization", equalTo("Bearer test-key"))
				.withRequestBody(equalToJson("{\"uid\":\"content\",\"primaryKey\":\"_id\"}")));
		this.meilisearch.verify(patchRequestedFor(path("/indexes/content/settings"))
			.withRequestBody(matchingJsonPath("$.searchableAttributes[0]", equalTo("title")))
			.withRequestBody(matchingJsonPath("$.searchableAttributes",
					equalToJson("[\"title\",\"summary\",\"tags\",\"authorName\",\"body\",\"categories\"]")))
			.withRequestBody(matchingJsonPath("$.filterableAttributes",
					equalToJson("[\"_date\",\"author\",\"categories\",\"category\",\"tag\",\"tags\"]")))
			.withRequestBody(matchingJsonPath("$.sortableAttributes", equalToJson("[\"_date\"]"))));
	}

	@Test
	void writesAreBatchedAndAFlushWaitsForTheirTasks() {
		this.engine.ensureIndex("content", ContentIndex.SCHEMA);
		this.meilisearch.stubFor(post(path("/indexes/content/documents"))
			.willReturn(json(202, TASK.formatted(3, "documentAdditionOrUpdate"))));
		this.meilisearch.stubFor(post(path("/indexes/content/documents/delete-batch"))
			.willReturn(json(202, TASK.formatted(4, "documentDeletion"))));
		this.engine.upsert("content", "a1", Map.of("title", "One", "publishedAt", "2026-01-10T10:00:00Z"));
		this.engine.upsert("content", "a2", Map.of("title", "Two"));
		this.engine.delete("content", "a0");
		this.meilisearch.verify(0, postRequestedFor(path("/indexes/content/documents")));
		this.engine.flush();
		this.meilisearch.verify(1,
				postRequestedFor(path("/indexes/content/documents")).withQueryParam("primaryKey", equalTo("_id"))
					.withRequestBody(equalToJson("""
							[{"title":"One","publishedAt":"2026-01-10T10:00:00Z","_id":"a1","_date":1768039200000},
							 {"title":"Two","_id":"a2"}]""")));
		this.meilisearch.verify(postRequestedFor(path("/indexes/content/documents/delete-batch"))
			.withRequestBody(equalToJson("[\"a0\"]")));
		this.meilisearch.verify(postRequestedFor(path("/indexes/content/documents/delete-batch")));
		this.meilisearch.verify(getRequestedFor(urlEqualTo("/tasks/3")));
		this.meilisearch.verify(getRequestedFor(urlEqualTo("/tasks/4")));
	}

	@Test
	void aSearchSendsFiltersSortPageAndFacetsAndReadsHitsWithEscapedHighlights() {
		this.engine.ensureIndex("content", ContentIndex.SCHEMA);
		this.meilisearch.stubFor(post(path("/indexes/content/search")).willReturn(json(200, """
				{"hits":[{"_id":"a1","title":"Searching <b>with</b> Lucene","tags":["lucene","java"],
				  "publishedAt":"2026-01-10T10:00:00Z","_date":1768039200000,
				  "_formatted":{"title":"\\u0002Search\\u0003ing <b>with</b> Lucene","summary":"",
				                "body":"… an inverted index answers \\u0002search\\u0003 queries…"},
				  "_rankingScore":0.91}],
				 "query":"search \\"inverted index\\"","processingTimeMs":1,"hitsPerPage":10,"page":2,"totalPages":2,
				 "totalHits":11,"facetDistribution":{"tags":{"lucene":1,"java":4},"categories":{"tech":11}},
				 "facetStats":{}}""")));
		SearchPage page = this.engine.search("content",
				new SearchQuery(List.of("search"), List.of("inverted index"), Map.of("tag", List.of("java", "o'brien")),
						java.time.Instant.parse("2026-01-01T00:00:00Z"), null, true, 10, 10));
		this.meilisearch.verify(postRequestedFor(path("/indexes/content/search"))
			.withRequestBody(matchingJsonPath("$.q", equalTo("search \"inverted index\"")))
			.withRequestBody(matchingJsonPath("$.filter[0]", equalTo("tag IN ['java', 'o\\'brien']")))
			.withRequestBody(matchingJsonPath("$.filter[1]", equalTo("_date >= 1767225600000")))
			.withRequestBody(matchingJsonPath("$.sort[0]", equalTo("_date:desc")))
			.withRequestBody(matchingJsonPath("$.page", equalTo("2")))
			.withRequestBody(matchingJsonPath("$.hitsPerPage", equalTo("10")))
			.withRequestBody(matchingJsonPath("$.facets", equalToJson("[\"categories\",\"tags\"]")))
			.withRequestBody(matchingJsonPath("$.highlightPreTag", equalTo("\u0002")))
			.withRequestBody(matchingJsonPath("$.showRankingScore", equalTo("true"))));
		assertThat(page.total()).isEqualTo(11);
		SearchPage.Hit hit = page.hits().get(0);
		assertThat(hit.id()).isEqualTo("a1");
		assertThat(hit.score()).isEqualTo(0.91f);
		assertThat(hit.document()).containsEntry("title", "Searching <b>with</b> Lucene")
			.doesNotContainKeys("_id", "_date", "_formatted", "_rankingScore");
		assertThat(hit.highlights()).containsEntry("title", "<mark>Search</mark>ing &lt;b&gt;with&lt;/b&gt; Lucene")
			.containsEntry("body", "… an inverted index answers <mark>search</mark> queries…")
			.doesNotContainKey("summary");
		assertThat(page.facets().get("tags")).containsExactly(Map.entry("java", 4L), Map.entry("lucene", 1L));
		assertThat(page.facets().get("categories")).containsEntry("tech", 11L);
	}

	@Test
	void aRebuiltIndexIsSwappedInAndTheOldOneDeleted() {
		this.engine.ensureIndex("content", ContentIndex.SCHEMA);
		this.meilisearch.stubFor(get(path("/indexes/content-next")).willReturn(json(404, """
				{"message":"Index `content-next` not found.","code":"index_not_found","type":"invalid_request",
				 "link":"https://docs.meilisearch.com/errors#index_not_found"}""")));
		this.meilisearch.stubFor(patch(path("/indexes/content-next/settings"))
			.willReturn(json(202, TASK.formatted(5, "settingsUpdate"))));
		this.meilisearch
			.stubFor(post(urlEqualTo("/swap-indexes")).willReturn(json(202, TASK.formatted(6, "indexSwap"))));
		this.meilisearch
			.stubFor(delete(path("/indexes/content-next")).willReturn(json(202, TASK.formatted(7, "indexDeletion"))));
		this.engine.ensureIndex("content-next", ContentIndex.SCHEMA);
		this.engine.replace("content", "content-next");
		this.meilisearch.verify(postRequestedFor(urlEqualTo("/swap-indexes"))
			.withRequestBody(equalToJson("[{\"indexes\":[\"content\",\"content-next\"]}]")));
		this.meilisearch.verify(deleteRequestedFor(path("/indexes/content-next")));
	}

	@Test
	void aFailedTaskFailsTheFlushWithMeilisearchsReason() {
		this.engine.ensureIndex("content", ContentIndex.SCHEMA);
		this.meilisearch.stubFor(post(path("/indexes/content/documents"))
			.willReturn(json(202, TASK.formatted(9, "documentAdditionOrUpdate"))));
		this.meilisearch.stubFor(get(urlEqualTo("/tasks/9")).willReturn(json(200, """
				{"uid":9,"indexUid":"content","status":"failed","type":"documentAdditionOrUpdate","canceledBy":null,
				 "details":{"receivedDocuments":1,"indexedDocuments":0},
				 "error":{"message":"Document identifier `a b` is invalid.","code":"invalid_document_id",
				          "type":"invalid_request","link":"https://docs.meilisearch.com/errors#invalid_document_id"},
				 "duration":"PT0.001S","enqueuedAt":"2026-11-27T10:00:00.000000Z",
				 "startedAt":"2026-11-27T10:00:00.001000Z","finishedAt":"2026-11-27T10:00:00.002000Z"}""")));
		this.engine.upsert("content", "a b", Map.of("title", "x"));
		assertThatThrownBy(this.engine::flush).hasMessageContaining("invalid_document_id")
			.hasMessageContaining("is invalid");
	}

	// the client joins some paths with a double slash (/indexes/content//settings), which
	// the server treats as one
	private static UrlPathPattern path(String path) {
		return urlPathMatching(path.replace("/", "/+"));
	}

	private static ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
	}

}
