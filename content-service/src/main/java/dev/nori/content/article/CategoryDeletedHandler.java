package dev.nori.content.article;

import dev.nori.content.category.CategoryDeleted;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Announces the new category path of articles whose category was deleted under them, in
 * the deleting transaction.
 */
@Component
class CategoryDeletedHandler {

	private final ArticleService articles;

	CategoryDeletedHandler(ArticleService articles) {
		this.articles = articles;
	}

	@EventListener
	void on(CategoryDeleted deleted) {
		this.articles.announceCategoryChange(deleted.movedArticles());
	}

}
