package dev.nori.contracts.content;

import dev.nori.contracts.event.EventType;
import dev.nori.contracts.event.Topics;

/**
 * The article lifecycle events, each carrying an {@link ArticleSnapshot}.
 */
public final class ArticleEvents {

	/** A draft was created. */
	public static final EventType<ArticleSnapshot> CREATED = type("created");

	/** Its fields (or its category) changed; the state did not. */
	public static final EventType<ArticleSnapshot> UPDATED = type("updated");

	/** It became publicly visible. */
	public static final EventType<ArticleSnapshot> PUBLISHED = type("published");

	/** It went back to draft and is no longer public. */
	public static final EventType<ArticleSnapshot> UNPUBLISHED = type("unpublished");

	/** It was archived and is no longer public. */
	public static final EventType<ArticleSnapshot> ARCHIVED = type("archived");

	/** It was moved to the trash. */
	public static final EventType<ArticleSnapshot> DELETED = type("deleted");

	/** It was restored from the trash, in the state it had. */
	public static final EventType<ArticleSnapshot> RESTORED = type("restored");

	private ArticleEvents() {
	}

	private static EventType<ArticleSnapshot> type(String change) {
		return EventType.of("nori.content.article." + change + ".v1", Topics.CONTENT_ARTICLES, ArticleSnapshot.class);
	}

}
