package dev.nori.content.article;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.nori.content.author.Caller;
import org.jspecify.annotations.Nullable;

/**
 * An article as stored, with the rules on who may see and change it.
 */
record Article(UUID id, String slug, String title, String summary, String body, String bodyHtml, String bodyText,
		List<String> tags, @Nullable UUID categoryId, String authorId, ArticleState state,
		@Nullable Instant publishedAt, Instant createdAt, Instant updatedAt, @Nullable Instant deletedAt,
		long version) {

	/** Published articles are public; others only for their author and editors. */
	boolean visibleTo(Caller caller) {
		return this.state == ArticleState.PUBLISHED || caller.is(this.authorId) || caller.can(Permissions.EDIT_ANY)
				|| caller.can(Permissions.PUBLISH);
	}

	/** Editors change any article; authors their own drafts. */
	boolean editableBy(Caller caller) {
		return caller.can(Permissions.EDIT_ANY) || (caller.can(Permissions.EDIT) && ownDraftOf(caller));
	}

	/** Editors delete any article; authors their own drafts. */
	boolean deletableBy(Caller caller) {
		return caller.can(Permissions.DELETE) || (caller.can(Permissions.EDIT) && ownDraftOf(caller));
	}

	private boolean ownDraftOf(Caller caller) {
		return caller.is(this.authorId) && this.state == ArticleState.DRAFT;
	}

	Article withState(ArticleState next, Instant now) {
		Instant published = (next == ArticleState.PUBLISHED) ? now : this.publishedAt;
		return new Article(this.id, this.slug, this.title, this.summary, this.body, this.bodyHtml, this.bodyText,
				this.tags, this.categoryId, this.authorId, next, published, this.createdAt, now, this.deletedAt,
				this.version);
	}

}
