package dev.nori.content.category;

import java.util.UUID;

import dev.nori.content.slug.Slug;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A new category.
 *
 * @param name its name
 * @param slug its slug; made from the name when absent
 * @param description its description
 * @param parentId its parent; a root when absent
 */
record CategoryRequest(
		@NotBlank(message = "is required") @Size(max = 120, message = "must be at most 120 characters") String name,
		@Nullable @Size(min = 2, max = Slug.MAX_LENGTH, message = "must be 2 to 80 characters") @Pattern(
				regexp = Slug.REGEX,
				message = "may hold only lower-case letters, digits and single hyphens") String slug,
		@Nullable @Size(max = 2000, message = "must be at most 2000 characters") String description,
		@Nullable UUID parentId) {
}
