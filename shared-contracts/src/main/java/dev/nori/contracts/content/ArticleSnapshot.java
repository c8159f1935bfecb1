package dev.nori.contracts.content;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An article as it stands after the change an event reports: the payload of every
 * {@link ArticleEvents article event}. Internal fields (the author's email address,
 * storage keys) never appear here.
 *
 * @param articleId the article's id
 * @param slug its slug
 * @param title its title
 * @param summary its summary, empty when none
 * @param bodyText the body as plain text (Markdown rendered, tags removed)
 * @param tags its tags
 * @param categoryPath the category and its ancestors, root first; empty when none
 * @param authorId the author's user id (the token subject)
 * @param authorName the author's display name
 * @param state {@code draft}, {@code published} or {@code archived}
 * @param publishedAt when it was last published, if ever
 * @param updatedAt when it last changed
 * @param version its version; a consumer ignores an event older than what it holds
 */
public record ArticleSnapshot(UUID articleId, String slug, String title, String summary, String bodyText,
		List<String> tags, List<CategoryRef> categoryPath, String authorId, String authorName, String state,
		@Nullable Instant publishedAt, Instant updatedAt, long version) {
}
