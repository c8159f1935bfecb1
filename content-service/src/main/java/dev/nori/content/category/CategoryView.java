package dev.nori.content.category;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A category as clients see it.
 *
 * @param id its id
 * @param parentId its parent, {@code null} for a root
 * @param slug its slug
 * @param name its name
 * @param description its description
 * @param version its version, for optimistic locking
 */
public record CategoryView(UUID id, @Nullable UUID parentId, String slug, String name, String description,
		long version) {
}
