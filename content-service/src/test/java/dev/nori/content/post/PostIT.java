package dev.nori.content.post;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.nori.content.ContentServiceIT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class PostIT extends ContentServiceIT {

	@Test
	void postsOnAnArticleAreReadAsAFeed() {
		JsonNode article = published(Map.of());
		String author = token(newUser(), AUTHOR);
		List<String> newestFirst = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			JsonNode post = expect(post("/api/content/posts",
					Map.of("body", "Post " + i, "articleId", article.get("id").asString()), author), 201);
			newestFirst.add(0, post.get("id").asString());
			this.clock.advance(java.time.Duration.ofMillis(5));
		}
		List<String> read = new ArrayList<>();
		String cursor = "";
		do {
			JsonNode slice = expect(get("/api/content/posts?size=2&article=" + article.get("id").asString()
					+ (cursor.isEmpty() ? "" : "&cursor=" + cursor), null), 200);
			read.addAll(ids(slice));
			cursor = slice.get("nextCursor").isNull() ? "" : slice.get("nextCursor").asString();
		}
		while (!cursor.isEmpty());
		assertThat(read).containsExactlyElementsOf(newestFirst);
	}

	@Test
	void postsOnUnpublishedArticlesAreRefusedAndHidden() {
		String editor = token(newUser(), EDITOR);
		JsonNode draft = draft(editor, Map.of());
		problem(post("/api/content/posts", Map.of("body", "early", "articleId", draft.get("id").asString()), editor),
				400);
		JsonNode article = published(Map.of());
		String articleId = article.get("id").asString();
		JsonNode post = expect(post("/api/content/posts", Map.of("body", "hello", "articleId", articleId), editor),
				201);
		String postPath = "/api/content/posts/" + post.get("id").asString();
		expect(get(postPath, null), 200);
		expect(post("/api/content/articles/" + articleId + "/unpublish", null, editor), 200);
		problem(get(postPath, null), 404);
		assertThat(ids(expect(get("/api/content/posts?article=" + articleId, null), 200))).isEmpty();
	}

	@Test
	void onlyTheAuthorOrAnEditorChangesAPostAndDeletedPostsCanBeRestored() {
		String authorId = newUser();
		String author = token(authorId, AUTHOR);
		JsonNode post = post(author, Map.of("body", "mine"));
		String path = "/api/content/posts/" + post.get("id").asString();
		problem(put(path, Map.of("body", "theirs", "version", 0), token(newUser(), AUTHOR)), 403);
		JsonNode edited = expect(put(path, Map.of("body", "still mine", "version", 0), author), 200);
		assertThat(edited.get("version").asLong()).isEqualTo(1);
		problem(put(path, Map.of("body", "stale", "version", 0), author), 409);
		problem(put(path, Map.of("body", "x".repeat(1001), "version", 1), author), 400);

		expect(delete(path, author), 204);
		problem(get(path, null), 404);
		assertThat(ids(expect(get("/api/content/posts/trash", author), 200))).contains(post.get("id").asString());
		problem(post(path + "/restore", null, token(newUser(), AUTHOR)), 404);
		expect(post(path + "/restore", null, author), 200);
		expect(get(path, null), 200);
	}

}
