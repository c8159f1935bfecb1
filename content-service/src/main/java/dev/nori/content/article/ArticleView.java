package dev.nori.content.article;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.nori.content.author.AuthorView;
import dev.nori.contracts.content.CategoryRef;
import org.jspecify.annotations.Nullable;

/**
 * An article as clients see it.
 *
 * @param id its id
 * @param slug its slug
 * @param title its title
 * @param summary its summary
 * @param body the body as written (Markdown)
 * @param html the body rendered and sanitized
 * @param tags its tags
 * @param categoryPath its category and that category's ancestors, root first
 * @param author who wrote it
 * @param state {@code draft}, {@code published} or {@code archived}
 * @param publishedAt when it was last published
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param version its version, for optimistic locking
 */
record ArticleView(UUID id, String slug, String title, String summary, String body, String html, List<String> tags,
		List<CategoryRef> categoryPath, AuthorView author, String state, @Nullable Instant publishedAt,
		Instant createdAt, Instant updatedAt, long version) {
}
