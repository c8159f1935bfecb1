package dev.nori.content.category;

import dev.nori.content.slug.Slug;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * New name, slug and description of a category (moves go through their own operation).
 *
 * @param name its name
 * @param slug its slug
 * @param description its description
 * @param version the version the change was made on
 */
record CategoryUpdate(
		@NotBlank(message = "is required") @Size(max = 120, message = "must be at most 120 characters") String name,
		@NotNull(message = "is required") @Size(min = 2, max = Slug.MAX_LENGTH,
				message = "must be 2 to 80 characters") @Pattern(regexp = Slug.REGEX,
						message = "may hold only lower-case letters, digits and single hyphens") String slug,
		@Nullable @Size(max = 2000, message = "must be at most 2000 characters") String description,
		@NotNull(message = "is required") @PositiveOrZero Long version) {
}
