package dev.nori.content.category;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.nori.content.ContentServiceIT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The tree under max-depth 5 (set for the tests). */
class CategoryTreeIT extends ContentServiceIT {

	private static final String CATEGORIES = "/api/content/categories/";

	@Test
	void breadcrumbsDescendantsAndSubtreeCounts() {
		JsonNode root = category("Root " + suffix(), null);
		JsonNode a = category("Alpha", id(root));
		JsonNode b = category("Beta", id(a));
		JsonNode c = category("Gamma", id(b));
		published(Map.of("categoryId", id(b)));
		published(Map.of("categoryId", id(c)));
		published(Map.of("categoryId", id(c)));
		draft(token(newUser(), AUTHOR), Map.of("categoryId", id(a)));

		JsonNode detail = expect(get(CATEGORIES + root.get("slug").asString(), null), 200);
		assertThat(detail.get("depth").asInt()).isEqualTo(1);
		assertThat(detail.get("childCount").asLong()).isEqualTo(1);
		assertThat(detail.get("articleCount").asLong()).isZero();
		assertThat(detail.get("subtreeArticleCount").asLong()).isEqualTo(3);

		JsonNode ancestors = expect(get(CATEGORIES + id(c) + "/ancestors", null), 200);
		assertThat(ancestors.valueStream().map(CategoryTreeIT::id)).containsExactly(id(root), id(a), id(b));

		JsonNode descendants = expect(get(CATEGORIES + id(root) + "/descendants", null), 200);
		assertThat(descendants.valueStream().map(CategoryTreeIT::id)).containsExactly(id(a), id(b), id(c));
		assertThat(descendants.valueStream().map((node) -> node.get("depth").asInt())).containsExactly(1, 2, 3);
		assertThat(descendants.valueStream().map((node) -> node.get("subtreeArticleCount").asLong()))
			.containsExactly(3L, 3L, 2L);
		assertThat(descendants.valueStream().map((node) -> node.get("articleCount").asLong())).containsExactly(0L, 1L,
				2L);

		JsonNode shallow = expect(get(CATEGORIES + id(root) + "/descendants?maxDepth=1", null), 200);
		assertThat(shallow.valueStream().map(CategoryTreeIT::id)).containsExactly(id(a));
		assertThat(shallow.get(0).get("subtreeArticleCount").asLong()).isEqualTo(3);
		problem(get(CATEGORIES + id(root) + "/descendants?maxDepth=99", null), 400);

		// "in this category or below" is one filter
		JsonNode inA = expect(get("/api/content/articles?size=100&category=" + a.get("slug").asString(), null), 200);
		assertThat(inA.get("totalItems").asLong()).isEqualTo(3);
		problem(get("/api/content/articles?category=no-such-category", null), 400);
	}

	@Test
	void aMoveThatWouldMakeACycleIsRefused() {
		JsonNode root = category("Cycle " + suffix(), null);
		JsonNode child = category("Child", id(root));
		JsonNode grandchild = category("Grandchild", id(child));
		String editor = token(newUser(), EDITOR);
		for (JsonNode target : List.of(child, grandchild, root)) {
			JsonNode problem = problem(
					post(CATEGORIES + id(root) + "/move", Map.of("parentId", id(target), "version", 0), editor), 409);
			assertThat(problem.get("detail").asString()).contains("cycle");
		}
		JsonNode unchanged = expect(get(CATEGORIES + id(root), null), 200);
		assertThat(unchanged.get("category").get("parentId").isNull()).isTrue();
		assertThat(events("nori.content.category.moved.v1", id(root))).isEmpty();
	}

	@Test
	void movesKeepTheDepthLimitAndAreAnnounced() {
		JsonNode level1 = category("Deep " + suffix(), null);
		JsonNode level2 = category("Two", id(level1));
		JsonNode level3 = category("Three", id(level2));
		JsonNode level4 = category("Four", id(level3));
		JsonNode level5 = category("Five", id(level4));
		String editor = token(newUser(), EDITOR);
		problem(post("/api/content/categories", Map.of("name", "Six", "parentId", id(level5)), editor), 409);

		JsonNode other = category("Other " + suffix(), null);
		category("Other child", id(other));
		// a subtree two levels high under level 4 would reach level 6
		problem(post(CATEGORIES + id(other) + "/move", Map.of("parentId", id(level4), "version", 0), editor), 409);

		JsonNode moved = expect(
				post(CATEGORIES + id(other) + "/move", Map.of("parentId", id(level3), "version", 0), editor), 200);
		assertThat(moved.get("parentId").asString()).isEqualTo(id(level3));
		assertThat(moved.get("version").asLong()).isEqualTo(1);
		JsonNode event = events("nori.content.category.moved.v1", id(other)).get(0);
		assertThat(event.get("parentId").asString()).isEqualTo(id(level3));
		assertThat(event.get("previousParentId").isNull()).isTrue();
		assertThat(event.get("path").valueStream().map(CategoryTreeIT::id)).containsExactly(id(level1), id(level2),
				id(level3), id(other));

		problem(post(CATEGORIES + id(other) + "/move", Map.of("version", 0), editor), 409);
		expect(post(CATEGORIES + id(other) + "/move", Map.of("version", 1), editor), 200);
	}

	@Test
	void aRenameIsAnnouncedWithTheNewPath() {
		JsonNode root = category("Rename " + suffix(), null);
		JsonNode child = category("Old name", id(root));
		String slug = "new-name-" + suffix();
		JsonNode renamed = expect(put(CATEGORIES + id(child), Map.of("name", "New name", "slug", slug, "version", 0),
				token(newUser(), EDITOR)), 200);
		assertThat(renamed.get("slug").asString()).isEqualTo(slug);
		JsonNode event = events("nori.content.category.updated.v1", id(child)).get(0);
		assertThat(event.get("path").valueStream().map((ref) -> ref.get("name").asString()))
			.containsExactly(root.get("name").asString(), "New name");
		problem(put(CATEGORIES + id(child), Map.of("name", "Stale", "slug", slug, "version", 0),
				token(newUser(), EDITOR)), 409);
	}

	@Test
	void deletingACategoryThatHoldsSomethingIsRefusedOrMovesItUp() {
		JsonNode root = category("Delete " + suffix(), null);
		JsonNode middle = category("Middle", id(root));
		JsonNode leaf = category("Leaf", id(middle));
		JsonNode article = published(Map.of("categoryId", id(middle)));
		String editor = token(newUser(), EDITOR);

		JsonNode refused = problem(delete(CATEGORIES + id(middle), editor), 409);
		assertThat(refused.get("detail").asString()).contains("1 subcategories and 1 articles");
		assertThat(invalidFields(problem(delete(CATEGORIES + id(middle) + "?children=everything", editor), 400)))
			.containsExactly("children");

		expect(delete(CATEGORIES + id(middle) + "?children=move-to-parent", editor), 204);
		problem(get(CATEGORIES + id(middle), null), 404);
		assertThat(expect(get(CATEGORIES + id(leaf), null), 200).get("category").get("parentId").asString())
			.isEqualTo(id(root));
		JsonNode moved = expect(get("/api/content/articles/" + id(article), null), 200);
		assertThat(moved.get("categoryPath").valueStream().map(CategoryTreeIT::id)).containsExactly(id(root));
		assertThat(events("nori.content.category.moved.v1", id(leaf))).hasSize(1);
		List<JsonNode> updates = events("nori.content.article.updated.v1", id(article));
		assertThat(updates).hasSize(1);
		assertThat(updates.get(0).get("categoryPath").valueStream().map(CategoryTreeIT::id)).containsExactly(id(root));

		JsonNode empty = category("Empty", id(root));
		expect(delete(CATEGORIES + id(empty), editor), 204);
	}

	@Test
	void onlyCategoryManagersChangeTheTree() {
		problem(post("/api/content/categories", Map.of("name", "Nope"), token(newUser(), AUTHOR)), 403);
		problem(post("/api/content/categories", Map.of("name", "Nope"), null), 401);
		JsonNode problem = problem(post("/api/content/categories",
				Map.of("name", "", "slug", "BAD SLUG", "parentId", UUID.randomUUID().toString()),
				token(newUser(), EDITOR)), 400);
		assertThat(invalidFields(problem)).containsExactlyInAnyOrder("name", "slug");
	}

	private static String id(JsonNode node) {
		return node.get("id").asString();
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
