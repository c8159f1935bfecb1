package dev.nori.content.article;

import java.util.Locale;
import java.util.Set;

/**
 * Where an article is in its life, and where it may go from there: {@code draft →
 * published → archived}, back to draft from either, and straight to archived from draft.
 * Creates and updates never change the state.
 */
enum ArticleState {

	DRAFT, PUBLISHED, ARCHIVED;

	boolean canMoveTo(ArticleState next) {
		return switch (this) {
			case DRAFT -> Set.of(PUBLISHED, ARCHIVED).contains(next);
			case PUBLISHED -> Set.of(DRAFT, ARCHIVED).contains(next);
			case ARCHIVED -> next == DRAFT;
		};
	}

	String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	static ArticleState of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
