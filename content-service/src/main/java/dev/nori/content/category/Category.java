package dev.nori.content.category;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A category as stored.
 */
record Category(UUID id, @Nullable UUID parentId, String name, String slug, String description, Instant createdAt,
		Instant updatedAt, long version) {

	CategoryView view() {
		return new CategoryView(this.id, this.parentId, this.slug, this.name, this.description, this.version);
	}

}
