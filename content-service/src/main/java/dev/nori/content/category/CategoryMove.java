package dev.nori.content.category;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import org.jspecify.annotations.Nullable;

/**
 * Where to move a category, with its subtree.
 *
 * @param parentId the new parent; {@code null} makes it a root
 * @param version the version the move was decided on
 */
record CategoryMove(@Nullable UUID parentId, @NotNull(message = "is required") @PositiveOrZero Long version) {
}
