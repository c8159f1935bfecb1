package dev.nori.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Internal fields never leave the service, in any response shape: the author's email
 * address (the token carried one), the stored plain-text body, the trash timestamp
 * outside the trash, storage keys.
 */
class ProtectedFieldsIT extends ContentServiceIT {

	private static final Set<String> INTERNAL = Set.of("email", "authorEmail", "bodyHtml", "bodyText", "moderationNote",
			"storageKey", "deletedAt", "password", "passwordHash");

	@Test
	void noResponseShapeCarriesAnInternalField() {
		String userId = newUser();
		String editor = token(userId, EDITOR, "Erin Editor", "erin@example.org");
		JsonNode category = expect(post("/api/content/categories", Map.of("name", "Protected"), editor), 201);
		String categoryId = category.get("id").asString();
		JsonNode article = expect(post("/api/content/articles",
				Map.of("title", "Protected fields", "body", "text", "categoryId", categoryId), editor), 201);
		assertThat(article.get("author").get("displayName").asString()).isEqualTo("Erin Editor");
		String id = article.get("id").asString();
		JsonNode post = expect(post("/api/content/posts", Map.of("body", "p"), editor), 201);

		List<JsonNode> shapes = new ArrayList<>();
		shapes.add(category);
		shapes.add(article);
		shapes.add(post);
		shapes.add(expect(post("/api/content/articles/" + id + "/publish", null, editor), 200));
		shapes.add(expect(get("/api/content/articles/" + id, editor), 200));
		shapes.add(expect(get("/api/content/articles/" + article.get("slug").asString(), null), 200));
		shapes.add(expect(get("/api/content/articles?size=5", null), 200));
		shapes.add(expect(get("/api/content/articles?state=draft&size=5", editor), 200));
		shapes.add(expect(get("/api/content/feed?size=5", null), 200));
		shapes.add(expect(get("/api/content/posts?size=5", null), 200));
		shapes.add(expect(get("/api/content/posts/" + post.get("id").asString(), null), 200));
		shapes.add(expect(get("/api/content/categories", null), 200));
		shapes.add(expect(get("/api/content/categories/" + categoryId, null), 200));
		shapes.add(expect(get("/api/content/categories/" + categoryId + "/descendants", null), 200));
		shapes.add(expect(get("/api/content/categories/" + categoryId + "/ancestors", null), 200));
		shapes.add(expect(post("/api/content/categories/" + categoryId + "/move", Map.of("version", 0), editor), 200));

		for (JsonNode shape : shapes) {
			assertThat(fieldNames(shape)).as(shape.toString()).doesNotContainAnyElementsOf(INTERNAL);
			assertThat(shape.toString()).doesNotContain("erin@example.org");
		}
		// the address is stored for the service's own use
		assertThat(this.jdbc.sql("select email from authors where id = ?").param(userId).query(String.class).single())
			.isEqualTo("erin@example.org");
	}

	private static List<String> fieldNames(JsonNode node) {
		List<String> names = new ArrayList<>();
		if (node.isObject()) {
			node.properties().forEach((entry) -> {
				names.add(entry.getKey());
				names.addAll(fieldNames(entry.getValue()));
			});
		}
		else if (node.isArray()) {
			node.forEach((element) -> names.addAll(fieldNames(element)));
		}
		return names;
	}

}
