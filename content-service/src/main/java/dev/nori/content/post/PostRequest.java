package dev.nori.content.post;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A new post.
 *
 * @param body its text
 * @param articleId the published article it belongs to, if any
 */
record PostRequest(
		@NotBlank(message = "is required") @Size(max = 1000, message = "must be at most 1000 characters") String body,
		@Nullable UUID articleId) {
}
