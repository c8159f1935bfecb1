package dev.nori.content.article;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import dev.nori.content.author.Caller;
import dev.nori.content.cache.ConditionalResponses;
import dev.nori.content.category.CategoryTree;
import dev.nori.content.paging.FeedView;
import dev.nori.content.paging.PageView;
import dev.nori.content.paging.Paging;
import dev.nori.servicedefaults.core.problem.FieldViolation;
import dev.nori.servicedefaults.problem.InvalidFieldsException;
import dev.nori.servicedefaults.validation.OneOf;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

@RestController
class ArticleController {

	private static final String ARTICLES = "/api/content/articles";

	private final ArticleService articles;

	private final CategoryTree categories;

	private final Paging paging;

	private final ConditionalResponses responses;

	ArticleController(ArticleService articles, CategoryTree categories, Paging paging, ConditionalResponses responses) {
		this.articles = articles;
		this.categories = categories;
		this.paging = paging;
		this.responses = responses;
	}

	@GetMapping(ARTICLES)
	ResponseEntity<String> list(@RequestParam(required = false) @Nullable Integer page,
			@RequestParam(required = false) @Nullable Integer size,
			@RequestParam(defaultValue = "published") @OneOf(value = { "draft", "published", "archived" },
					message = "must be draft, published or archived") String state,
			@RequestParam(required = false) @Nullable String category,
			@RequestParam(required = false) @Nullable @Size(max = 40,
					message = "must be at most 40 characters") String tag,
			@RequestParam(required = false) @Nullable @Size(max = 200,
					message = "must be at most 200 characters") String author,
			@RequestParam(defaultValue = "published") @OneOf(value = { "published", "updated", "title" },
					message = "must be published, updated or title") String sort,
			@Nullable Authentication authentication, WebRequest request) {
		UUID categoryId = null;
		if (category != null) {
			categoryId = this.categories.idOf(category)
				.orElseThrow(
						() -> new InvalidFieldsException(List.of(new FieldViolation("category", "no such category"))));
		}
		ArticleListQuery query = new ArticleListQuery(ArticleState.of(state), categoryId, tag, author, sort);
		return respond(this.articles.list(query, this.paging.page(page, size), Caller.of(authentication)), request);
	}

	@GetMapping(ARTICLES + "/trash")
	@PreAuthorize("isAuthenticated()")
	PageView<ArticleSummary> trash(@RequestParam(required = false) @Nullable Integer page,
			@RequestParam(required = false) @Nullable Integer size, Authentication authentication) {
		return this.articles.trash(this.paging.page(page, size), Caller.of(authentication));
	}

	@GetMapping(ARTICLES + "/{ref}")
	ResponseEntity<String> read(@PathVariable String ref, @Nullable Authentication authentication, WebRequest request) {
		return respond(this.articles.read(ref, Caller.of(authentication)), request);
	}

	@GetMapping("/api/content/feed")
	FeedView<ArticleSummary> feed(@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer size) {
		return this.articles.feed(cursor, size);
	}

	@PostMapping(ARTICLES)
	@PreAuthorize("hasAuthority('articles.create')")
	ResponseEntity<ArticleView> create(@Valid @RequestBody ArticleRequest request, Authentication authentication) {
		ArticleView created = this.articles.create(request, Caller.of(authentication));
		return ResponseEntity.created(URI.create(ARTICLES + "/" + created.id())).body(created);
	}

	@PutMapping(ARTICLES + "/{id}")
	@PreAuthorize("hasAnyAuthority('articles.edit', 'articles.edit-any')")
	ArticleView update(@PathVariable UUID id, @Valid @RequestBody ArticleUpdate update, Authentication authentication) {
		return this.articles.update(id, update, Caller.of(authentication));
	}

	@PostMapping(ARTICLES + "/{id}/publish")
	@PreAuthorize("hasAuthority('articles.publish')")
	ArticleView publish(@PathVariable UUID id, @RequestParam(required = false) @Nullable Long version,
			Authentication authentication) {
		return this.articles.transition(id, ArticleState.PUBLISHED, version, Caller.of(authentication));
	}

	@PostMapping(ARTICLES + "/{id}/unpublish")
	@PreAuthorize("hasAuthority('articles.publish')")
	ArticleView unpublish(@PathVariable UUID id, @RequestParam(required = false) @Nullable Long version,
			Authentication authentication) {
		return this.articles.transition(id, ArticleState.DRAFT, version, Caller.of(authentication));
	}

	@PostMapping(ARTICLES + "/{id}/archive")
	@PreAuthorize("hasAuthority('articles.publish')")
	ArticleView archive(@PathVariable UUID id, @RequestParam(required = false) @Nullable Long version,
			Authentication authentication) {
		return this.articles.transition(id, ArticleState.ARCHIVED, version, Caller.of(authentication));
	}

	@DeleteMapping(ARTICLES + "/{id}")
	@PreAuthorize("hasAnyAuthority('articles.edit', 'articles.delete')")
	ResponseEntity<Void> delete(@PathVariable UUID id, @RequestParam(required = false) @Nullable Long version,
			Authentication authentication) {
		this.articles.delete(id, version, Caller.of(authentication));
		return ResponseEntity.noContent().build();
	}

	@PostMapping(ARTICLES + "/{id}/restore")
	@PreAuthorize("hasAnyAuthority('articles.edit', 'articles.delete')")
	ArticleView restore(@PathVariable UUID id, Authentication authentication) {
		return this.articles.restore(id, Caller.of(authentication));
	}

	private ResponseEntity<String> respond(ArticleService.Read read, WebRequest request) {
		return read.isPublic() ? this.responses.publicRead(read.body(), request)
				: this.responses.privateRead(read.body(), request);
	}

}
