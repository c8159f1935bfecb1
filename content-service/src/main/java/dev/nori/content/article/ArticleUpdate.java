package dev.nori.content.article;

import java.util.List;
import java.util.UUID;

import dev.nori.content.slug.Slug;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * An article's new content, made on a known version. Replaces every field it holds; the
 * state changes only through publish, unpublish and archive.
 *
 * @param title its title
 * @param slug its slug
 * @param summary a short summary
 * @param body the body in Markdown
 * @param tags up to ten tags
 * @param categoryId its category
 * @param version the version the change was made on
 */
record ArticleUpdate(
		@NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters") String title,
		@NotNull(message = "is required") @Size(min = 3, max = Slug.MAX_LENGTH,
				message = "must be 3 to 80 characters") @Pattern(regexp = Slug.REGEX,
						message = "may hold only lower-case letters, digits and single hyphens") String slug,
		@Nullable @Size(max = 500, message = "must be at most 500 characters") String summary,
		@NotNull(message = "is required") @Size(max = 100_000,
				message = "must be at most 100000 characters") String body,
		@Nullable @Size(max = 10, message = "may hold at most 10 tags") List<@Tag String> tags,
		@Nullable UUID categoryId,
		@NotNull(message = "is required") @PositiveOrZero(message = "must be 0 or more") Long version) {
}
