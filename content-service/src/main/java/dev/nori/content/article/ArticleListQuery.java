package dev.nori.content.article;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What a list of articles is filtered and ordered by.
 *
 * @param state the state listed
 * @param categoryId only articles in this category or below it
 * @param tag only articles with this tag
 * @param authorId only articles by this author
 * @param sort {@code published} (newest first), {@code updated} (newest first) or
 * {@code title}
 */
record ArticleListQuery(ArticleState state, @Nullable UUID categoryId, @Nullable String tag, @Nullable String authorId,
		String sort) {

	/** A stable text form, for cache keys. */
	String key() {
		return this.state.value() + "|" + this.categoryId + "|" + this.tag + "|" + this.authorId + "|" + this.sort;
	}

}
