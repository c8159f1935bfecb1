package dev.nori.content.article;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.nori.content.ContentServiceIT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class ArticleIT extends ContentServiceIT {

	@Test
	void aDraftIgnoresFieldsTheClientMustNotSet() {
		String author = newUser();
		String someoneElse = newUser();
		String run = UUID.randomUUID().toString().substring(0, 8);
		JsonNode created = expect(post("/api/content/articles",
				Map.of("title", "Mass assignment " + run, "body", "text", "authorId", someoneElse, "state", "published",
						"id", "00000000-0000-0000-0000-000000000001", "version", 42, "publishedAt",
						"2020-01-01T00:00:00Z"),
				token(author, AUTHOR)), 201);
		assertThat(created.get("state").asString()).isEqualTo("draft");
		assertThat(created.get("author").get("id").asString()).isEqualTo(author);
		assertThat(created.get("id").asString()).isNotEqualTo("00000000-0000-0000-0000-000000000001");
		assertThat(created.get("version").asLong()).isZero();
		assertThat(created.get("publishedAt").isNull()).isTrue();
		assertThat(created.get("slug").asString()).isEqualTo("mass-assignment-" + run);
	}

	@Test
	void anotherUsersDraftIsNotFoundButEditorsSeeIt() {
		String author = token(newUser(), AUTHOR);
		JsonNode draft = draft(author, Map.of());
		String path = "/api/content/articles/" + draft.get("id").asString();
		expect(get(path, author), 200);
		problem(get(path, token(newUser(), AUTHOR)), 404);
		problem(get(path, null), 404);
		problem(get("/api/content/articles/" + draft.get("slug").asString(), null), 404);
		problem(put(path, update(draft, "Taken over"), token(newUser(), AUTHOR)), 404);
		problem(delete(path, token(newUser(), AUTHOR)), 404);
		expect(get(path, token(newUser(), EDITOR)), 200);
	}

	@Test
	void authorsEditTheirOwnDraftsOnlyAndCannotPublish() {
		String author = token(newUser(), AUTHOR);
		JsonNode draft = draft(author, Map.of());
		String path = "/api/content/articles/" + draft.get("id").asString();
		JsonNode edited = expect(put(path, update(draft, "Edited by me"), author), 200);
		assertThat(edited.get("version").asLong()).isEqualTo(1);
		problem(post(path + "/publish", null, author), 403);

		String editor = token(newUser(), EDITOR);
		expect(post(path + "/publish", null, editor), 200);
		// once published, only editors change it
		problem(put(path, update(edited, "Edited again"), author), 403);
		JsonNode published = expect(get(path, author), 200);
		expect(put(path, update(published, "Edited by the editor"), editor), 200);
	}

	@Test
	void aStaleVersionIsAConflictAndChangesNothing() {
		String author = token(newUser(), AUTHOR);
		JsonNode draft = draft(author, Map.of());
		String path = "/api/content/articles/" + draft.get("id").asString();
		expect(put(path, update(draft, "First edit"), author), 200);
		JsonNode conflict = problem(put(path, update(draft, "Second edit on the old version"), author), 409);
		assertThat(conflict.get("type").asString()).isEqualTo("https://nori.dev/problems/conflict");
		JsonNode stored = expect(get(path, author), 200);
		assertThat(stored.get("title").asString()).isEqualTo("First edit");
		assertThat(stored.get("version").asLong()).isEqualTo(1);
		problem(post(path + "/archive?version=0", null, token(newUser(), EDITOR)), 409);
	}

	@Test
	void transitionsFollowTheLifecycleAndAreAnnounced() {
		String editor = token(newUser(), EDITOR);
		JsonNode draft = draft(editor, Map.of("tags", List.of("java", "spring")));
		String id = draft.get("id").asString();
		String path = "/api/content/articles/" + id;
		problem(post(path + "/unpublish", null, editor), 409);
		JsonNode published = expect(post(path + "/publish", null, editor), 200);
		assertThat(published.get("state").asString()).isEqualTo("published");
		assertThat(published.get("publishedAt").isNull()).isFalse();
		problem(post(path + "/publish", null, editor), 409);
		expect(post(path + "/archive", null, editor), 200);
		problem(post(path + "/publish", null, editor), 409);
		expect(post(path + "/unpublish", null, editor), 200);

		assertThat(events("nori.content.article.created.v1", id)).hasSize(1);
		assertThat(events("nori.content.article.archived.v1", id)).hasSize(1);
		assertThat(events("nori.content.article.unpublished.v1", id)).hasSize(1);
		JsonNode announced = events("nori.content.article.published.v1", id).get(0);
		assertThat(announced.get("title").asString()).isEqualTo(draft.get("title").asString());
		assertThat(announced.get("bodyText").asString()).isEqualTo("Some text.");
		assertThat(announced.get("state").asString()).isEqualTo("published");
		assertThat(announced.get("tags")).hasSize(2);
		assertThat(announced.get("version").asLong()).isEqualTo(1);
		assertThat(announced.has("authorName")).isTrue();
	}

	@Test
	void theBodyIsServedAsWrittenAndRenderedWithoutScripts() {
		String markdown = "# Title\n\n<script>alert(1)</script>\n\n[click](javascript:alert(2)) "
				+ "<img src=x onerror=alert(3)> <a href=\"https://example.org\" onclick=\"steal()\">ok</a>";
		JsonNode article = published(Map.of("body", markdown));
		assertThat(article.get("body").asString()).isEqualTo(markdown);
		String html = article.get("html").asString();
		assertThat(html).contains("<h1>Title</h1>").contains("href=\"https://example.org\"").contains("nofollow");
		assertThat(html.toLowerCase()).doesNotContain("<script")
			.doesNotContain("javascript:")
			.doesNotContain("onerror")
			.doesNotContain("onclick");
	}

	@Test
	void validationNamesEveryFailingFieldAtOnce() {
		HttpResponse<String> response = post("/api/content/articles", Map.of("title", " ", "slug", "Not A Slug!",
				"summary", "x".repeat(501), "tags", List.of("ok", "<bad>"), "categoryId", "not-a-uuid"),
				token(newUser(), AUTHOR));
		// an unreadable UUID fails binding before validation
		problem(response, 400);
		JsonNode problem = problem(post("/api/content/articles",
				Map.of("title", " ", "slug", "Not A Slug!", "summary", "x".repeat(501), "tags", List.of("ok", "<bad>")),
				token(newUser(), AUTHOR)), 400);
		assertThat(invalidFields(problem)).contains("title", "slug", "summary", "body", "tags[1]");
		assertThat(problem.get("errors").toString()).contains("is required")
			.contains("may hold only lower-case letters, digits and single hyphens");
		problem(post("/api/content/articles",
				Map.of("title", "x", "body", "x", "categoryId", "00000000-0000-0000-0000-000000000009"),
				token(newUser(), AUTHOR)), 400);
		problem(get("/api/content/articles?sort=random&state=deleted", null), 400);
		assertThat(invalidFields(problem(get("/api/content/articles?sort=random&state=deleted", null), 400)))
			.containsExactlyInAnyOrder("sort", "state");
	}

	@Test
	void slugsAreUniqueAndNeverIdsOrReservedWords() {
		String author = token(newUser(), AUTHOR);
		String run = UUID.randomUUID().toString().substring(0, 8);
		JsonNode first = draft(author, Map.of("title", "Same Title Ünïcode " + run));
		JsonNode second = draft(author, Map.of("title", "Same Title Ünïcode " + run));
		assertThat(first.get("slug").asString()).isEqualTo("same-title-unicode-" + run);
		assertThat(second.get("slug").asString()).isEqualTo("same-title-unicode-" + run + "-2");
		problem(post("/api/content/articles", Map.of("title", "x", "body", "x", "slug", "same-title-unicode-" + run),
				author), 409);
		problem(post("/api/content/articles", Map.of("title", "x", "body", "x", "slug", "trash"), author), 400);
		assertThat(draft(author, Map.of("title", "Trash")).get("slug").asString()).startsWith("article");
	}

	@Test
	void deletedArticlesGoToTheTrashAndComeBack() {
		JsonNode article = published(Map.of());
		String id = article.get("id").asString();
		String slug = article.get("slug").asString();
		String editor = token(newUser(), EDITOR);
		expect(delete("/api/content/articles/" + id, editor), 204);
		problem(get("/api/content/articles/" + slug, null), 404);
		problem(get("/api/content/articles/" + id, editor), 404);
		JsonNode trash = expect(get("/api/content/articles/trash?size=100", editor), 200);
		assertThat(ids(trash)).contains(id);
		assertThat(trash.get("items").get(0).has("deletedAt")).isTrue();

		// an author sees only their own trash and cannot restore someone else's
		problem(post("/api/content/articles/" + id + "/restore", null, token(newUser(), AUTHOR)), 404);
		JsonNode restored = expect(post("/api/content/articles/" + id + "/restore", null, editor), 200);
		assertThat(restored.get("state").asString()).isEqualTo("published");
		expect(get("/api/content/articles/" + slug, null), 200);
		assertThat(events("nori.content.article.deleted.v1", id)).hasSize(1);
		assertThat(events("nori.content.article.restored.v1", id)).hasSize(1);
	}

	@Test
	void anAuthorMayDeleteTheirDraftButNotAPublishedArticle() {
		String authorId = newUser();
		String author = token(authorId, AUTHOR);
		JsonNode draft = draft(author, Map.of());
		expect(delete("/api/content/articles/" + draft.get("id").asString(), author), 204);
		JsonNode trash = expect(get("/api/content/articles/trash", author), 200);
		assertThat(ids(trash)).containsExactly(draft.get("id").asString());

		JsonNode other = draft(author, Map.of());
		String path = "/api/content/articles/" + other.get("id").asString();
		expect(post(path + "/publish", null, token(newUser(), EDITOR)), 200);
		problem(delete(path, author), 403);
	}

	@Test
	void listingsShowPublishedArticlesToEveryoneAndDraftsToTheirAuthors() {
		String authorId = newUser();
		String author = token(authorId, AUTHOR);
		JsonNode mine = draft(author, Map.of());
		draft(token(newUser(), AUTHOR), Map.of());
		problem(get("/api/content/articles?state=draft", null), 401);
		JsonNode drafts = expect(get("/api/content/articles?state=draft&size=100", author), 200);
		assertThat(ids(drafts)).containsExactly(mine.get("id").asString());
		JsonNode published = expect(get("/api/content/articles?size=100", null), 200);
		assertThat(published.get("items").valueStream().map((item) -> item.get("state").asString()))
			.containsOnly("published");
	}

	@Test
	void readersCannotWrite() {
		String reader = token(newUser(), List.of("profile.edit"));
		problem(post("/api/content/articles", Map.of("title", "x", "body", "x"), reader), 403);
		problem(post("/api/content/articles", Map.of("title", "x", "body", "x"), null), 401);
	}

	private static Map<String, Object> update(JsonNode article, String title) {
		return Map.of("title", title, "slug", article.get("slug").asString(), "body", article.get("body").asString(),
				"version", article.get("version").asLong());
	}

}
