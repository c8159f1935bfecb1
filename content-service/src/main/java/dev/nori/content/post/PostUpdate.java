package dev.nori.content.post;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A post's new text, made on a known version.
 *
 * @param body its text
 * @param version the version the change was made on
 */
record PostUpdate(
		@NotBlank(message = "is required") @Size(max = 1000, message = "must be at most 1000 characters") String body,
		@NotNull(message = "is required") @PositiveOrZero(message = "must be 0 or more") Long version) {
}
