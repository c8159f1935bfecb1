package dev.nori.content.post;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.nori.content.author.AuthorView;
import org.jspecify.annotations.Nullable;

/**
 * A post as clients see it.
 *
 * @param id its id
 * @param articleId the article it belongs to, if any
 * @param author who wrote it
 * @param body its text
 * @param createdAt when it was written
 * @param updatedAt when it last changed
 * @param deletedAt when it was moved to the trash (only in the trash listing)
 * @param version its version, for optimistic locking
 */
record PostView(UUID id, @Nullable UUID articleId, AuthorView author, String body, Instant createdAt, Instant updatedAt,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Instant deletedAt, long version) {
}
