package dev.nori.content.upload;

import dev.nori.content.trash.ArticlesPurging;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Removes the files of articles purged from the trash, with the purge.
 */
@Component
class ArticlesPurgedHandler {

	private final UploadService uploads;

	ArticlesPurgedHandler(UploadService uploads) {
		this.uploads = uploads;
	}

	@EventListener
	void on(ArticlesPurging purging) {
		this.uploads.removeForArticles(purging.articleIds());
	}

}
