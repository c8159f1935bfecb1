package dev.nori.contracts.content;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.nori.contracts.event.EventType;
import dev.nori.contracts.event.Topics;
import org.jspecify.annotations.Nullable;

/**
 * A category (with its whole subtree) moved under another parent. Articles anywhere in
 * the subtree now have a category path that starts with {@code path}.
 *
 * @param categoryId the moved category
 * @param previousParentId its parent before, or {@code null} when it was a root
 * @param parentId its parent now, or {@code null} when it is a root
 * @param path the moved category and its new ancestors, root first
 * @param movedAt when
 */
public record CategoryMoved(UUID categoryId, @Nullable UUID previousParentId, @Nullable UUID parentId,
		List<CategoryRef> path, Instant movedAt) {

	/** The event type. */
	public static final EventType<CategoryMoved> TYPE = EventType.of("nori.content.category.moved.v1",
			Topics.CONTENT_CATEGORIES, CategoryMoved.class);

}
