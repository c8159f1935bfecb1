package dev.nori.contracts.content;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.nori.contracts.event.EventType;
import dev.nori.contracts.event.Topics;

/**
 * A category's name or slug changed (its place in the tree did not). Articles anywhere in
 * its subtree have this category in their path under its new name.
 *
 * @param categoryId the category
 * @param path the category and its ancestors, root first, as they are now
 * @param updatedAt when
 */
public record CategoryUpdated(UUID categoryId, List<CategoryRef> path, Instant updatedAt) {

	/** The event type. */
	public static final EventType<CategoryUpdated> TYPE = EventType.of("nori.content.category.updated.v1",
			Topics.CONTENT_CATEGORIES, CategoryUpdated.class);

}
