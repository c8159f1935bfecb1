package dev.nori.content.article;

import java.util.UUID;

import dev.nori.content.author.Caller;
import dev.nori.servicedefaults.problem.ProblemException;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What other features may ask about an article before they attach something to it or show
 * what is attached.
 */
@Component
public class ArticleAttachments {

	private final Articles articles;

	ArticleAttachments(Articles articles) {
		this.articles = articles;
	}

	/**
	 * Requires that the caller may change the article.
	 * @param articleId the article
	 * @param caller who asks
	 * @throws ProblemException 404 when the caller cannot see it, 403 when they may not
	 * change it
	 */
	@Transactional(readOnly = true)
	public void requireEditable(UUID articleId, Caller caller) {
		Article article = this.articles.find(articleId)
			.map(Articles.Listed::article)
			.filter((found) -> found.deletedAt() == null && found.visibleTo(caller))
			.orElseThrow(() -> ProblemException.notFound("There is no article '" + articleId + "'."));
		if (!article.editableBy(caller)) {
			throw ProblemException.forbidden("You may not change this article.");
		}
	}

	/**
	 * Returns whether what is attached to the article is public: it is published and not
	 * in the trash.
	 * @param articleId the article
	 * @return whether it is public
	 */
	@Transactional(readOnly = true)
	public boolean isPublic(UUID articleId) {
		return this.articles.find(articleId)
			.map(Articles.Listed::article)
			.filter((article) -> article.deletedAt() == null && article.state() == ArticleState.PUBLISHED)
			.isPresent();
	}

}
