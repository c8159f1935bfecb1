package dev.nori.gateway.docs;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiMergerTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final OpenApiMerger merger = new OpenApiMerger("Nori API", "1.2.3",
			(method, path) -> method.equals("get") && path.startsWith("/api/content/articles"));

	@Test
	void unitesPathsUnderTheirServiceTagsAndDeclaresBearerSecurity() {
		ObjectNode merged = this.merger.merge(List.of(document("content", "/api/content/articles", "Article", "title"),
				document("jobs", "/api/jobs/jobs", "Job", "state")), List.of());
		assertThat(merged.path("info").path("version").asString()).isEqualTo("1.2.3");
		assertThat(merged.path("paths").path("/api/content/articles").path("get").path("tags").get(0).asString())
			.isEqualTo("content");
		assertThat(merged.path("paths").path("/api/jobs/jobs").path("get").path("tags").get(0).asString())
			.isEqualTo("jobs");
		assertThat(merged.path("components").path("schemas").has("Article")).isTrue();
		assertThat(merged.path("components").path("schemas").has("Job")).isTrue();
		assertThat(merged.path("components").path("securitySchemes").path("bearer").path("scheme").asString())
			.isEqualTo("bearer");
		assertThat(merged.path("security").get(0).has("bearer")).isTrue();
	}

	@Test
	void marksPublicOperationsAsNeedingNoToken() {
		ObjectNode merged = this.merger.merge(List.of(document("content", "/api/content/articles", "Article", "title"),
				document("jobs", "/api/jobs/jobs", "Job", "state")), List.of());
		JsonNode publicSecurity = merged.path("paths").path("/api/content/articles").path("get").path("security");
		assertThat(publicSecurity.isArray()).isTrue();
		assertThat(publicSecurity.isEmpty()).isTrue();
		assertThat(merged.path("paths").path("/api/jobs/jobs").path("get").has("security")).isFalse();
	}

	@Test
	void renamesAComponentTwoServicesDefineDifferentlyAndItsReferences() {
		ObjectNode merged = this.merger.merge(List.of(document("content", "/api/content/items", "Item", "title"),
				document("jobs", "/api/jobs/items", "Item", "state")), List.of());
		JsonNode schemas = merged.path("components").path("schemas");
		assertThat(schemas.path("Item").path("properties").has("title")).isTrue();
		assertThat(schemas.path("jobs.Item").path("properties").has("state")).isTrue();
		assertThat(responseRef(merged, "/api/jobs/items")).isEqualTo("#/components/schemas/jobs.Item");
		assertThat(responseRef(merged, "/api/content/items")).isEqualTo("#/components/schemas/Item");
	}

	@Test
	void keepsAComponentBothDefineAlikeOnce() {
		ObjectNode merged = this.merger.merge(List.of(document("content", "/api/content/a", "Problem", "detail"),
				document("jobs", "/api/jobs/b", "Problem", "detail")), List.of());
		assertThat(merged.path("components").path("schemas").has("jobs.Problem")).isFalse();
		assertThat(responseRef(merged, "/api/jobs/b")).isEqualTo("#/components/schemas/Problem");
	}

	@Test
	void namesTheServicesThatDidNotAnswer() {
		ObjectNode merged = this.merger.merge(List.of(document("content", "/api/content/a", "A", "x")),
				List.of("search"));
		assertThat(merged.path("x-nori-missing").get(0).asString()).isEqualTo("search");
		assertThat(merged.path("info").path("description").asString()).contains("search");
	}

	private static String responseRef(JsonNode merged, String path) {
		return merged.path("paths")
			.path(path)
			.path("get")
			.path("responses")
			.path("200")
			.path("content")
			.path("application/json")
			.path("schema")
			.path("$ref")
			.asString();
	}

	private static ServiceDocument document(String key, String path, String schema, String property) {
		String json = """
				{"openapi":"3.1.0","info":{"title":"%1$s","version":"1"},
				 "paths":{"%2$s":{"get":{"tags":["some-controller"],"responses":{"200":{"description":"ok",
				   "content":{"application/json":{"schema":{"$ref":"#/components/schemas/%3$s"}}}}}}}},
				 "components":{"schemas":{"%3$s":{"type":"object","properties":{"%4$s":{"type":"string"}}}}}}
				""".formatted(key, path, schema, property);
		return new ServiceDocument(key, (ObjectNode) JSON.readTree(json));
	}

}
