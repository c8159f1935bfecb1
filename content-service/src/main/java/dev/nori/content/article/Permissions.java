package dev.nori.content.article;

/**
 * The permissions content-service checks, as auth-service grants them.
 */
final class Permissions {

	static final String CREATE = "articles.create";

	/** Edit one's own drafts. */
	static final String EDIT = "articles.edit";

	/** Edit anyone's article, in any state. */
	static final String EDIT_ANY = "articles.edit-any";

	static final String PUBLISH = "articles.publish";

	static final String DELETE = "articles.delete";

	private Permissions() {
	}

}
