package dev.nori.content.article;

import java.util.List;
import java.util.UUID;

import dev.nori.contracts.content.ArticleSnapshot;
import dev.nori.servicedefaults.core.problem.FieldViolation;
import dev.nori.servicedefaults.internal.InternalSecret;
import dev.nori.servicedefaults.problem.InvalidFieldsException;
import dev.nori.servicedefaults.problem.ProblemException;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /internal/content/articles/snapshots?after=&size=}: every published article
 * as article events carry it, in id order, for services that rebuild what they derive
 * from content (search-service's reindex). Internal: the gateway never routes it, and it
 * needs the internal secret.
 */
@RestController
class SnapshotController {

	private static final int MAX_SIZE = 1000;

	private final ArticleService articles;

	private final InternalSecret secret;

	SnapshotController(ArticleService articles, InternalSecret secret) {
		this.articles = articles;
		this.secret = secret;
	}

	@GetMapping("/internal/content/articles/snapshots")
	List<ArticleSnapshot> snapshots(
			@RequestHeader(name = InternalSecret.HEADER, required = false) @Nullable String shown,
			@RequestParam(required = false) @Nullable UUID after, @RequestParam(defaultValue = "500") int size) {
		if (!this.secret.matches(shown)) {
			throw ProblemException.forbidden("Internal endpoints need the internal secret");
		}
		if (size < 1 || size > MAX_SIZE) {
			throw new InvalidFieldsException(List.of(new FieldViolation("size", "must be between 1 and " + MAX_SIZE)));
		}
		return this.articles.publishedSnapshots(after, size);
	}

}
