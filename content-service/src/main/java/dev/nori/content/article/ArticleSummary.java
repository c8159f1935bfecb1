package dev.nori.content.article;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.nori.content.author.AuthorView;
import dev.nori.contracts.content.CategoryRef;
import org.jspecify.annotations.Nullable;

/**
 * An article in a list: everything but the body.
 *
 * @param id its id
 * @param slug its slug
 * @param title its title
 * @param summary its summary
 * @param tags its tags
 * @param category its category, if any
 * @param author who wrote it
 * @param state its state
 * @param publishedAt when it was last published
 * @param updatedAt when it last changed
 * @param deletedAt when it was moved to the trash (only in the trash listing)
 * @param version its version
 */
record ArticleSummary(UUID id, String slug, String title, String summary, List<String> tags,
		@Nullable CategoryRef category, AuthorView author, String state, @Nullable Instant publishedAt,
		Instant updatedAt, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Instant deletedAt, long version) {
}
