package dev.nori.content.category;

/**
 * What deleting a category does with what it holds.
 */
enum ChildPolicy {

	/** Refuse when it has subcategories or articles. */
	REFUSE,

	/** Move its subcategories and articles to its parent. */
	MOVE_TO_PARENT;

	static ChildPolicy parse(String value) {
		return switch (value) {
			case "refuse" -> REFUSE;
			case "move-to-parent" -> MOVE_TO_PARENT;
			default -> throw new IllegalArgumentException(value);
		};
	}

}
