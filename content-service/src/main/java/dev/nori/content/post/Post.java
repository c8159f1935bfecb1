package dev.nori.content.post;

import java.time.Instant;
import java.util.UUID;

import dev.nori.content.author.Caller;
import org.jspecify.annotations.Nullable;

/**
 * A post as stored, with the rules on who may change it.
 */
record Post(UUID id, @Nullable UUID articleId, String authorId, String body, Instant createdAt, Instant updatedAt,
		@Nullable Instant deletedAt, long version) {

	boolean editableBy(Caller caller) {
		return caller.can("articles.edit-any") || (caller.can("articles.edit") && caller.is(this.authorId));
	}

	boolean deletableBy(Caller caller) {
		return caller.can("articles.delete") || (caller.can("articles.edit") && caller.is(this.authorId));
	}

}
