package dev.nori.content.article;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.nori.content.author.Authors;
import dev.nori.content.author.Caller;
import dev.nori.content.cache.CachedJson;
import dev.nori.content.cache.ContentCache;
import dev.nori.content.category.CategoryTree;
import dev.nori.content.config.ContentProperties;
import dev.nori.content.paging.FeedPosition;
import dev.nori.content.paging.FeedView;
import dev.nori.content.paging.PageQuery;
import dev.nori.content.paging.PageView;
import dev.nori.content.paging.Paging;
import dev.nori.content.slug.Slug;
import dev.nori.contracts.content.ArticleEvents;
import dev.nori.contracts.content.ArticleSnapshot;
import dev.nori.contracts.event.EventType;
import dev.nori.eventing.outbox.Outbox;
import dev.nori.servicedefaults.audit.AuditLog;
import dev.nori.servicedefaults.core.problem.FieldViolation;
import dev.nori.servicedefaults.problem.InvalidFieldsException;
import dev.nori.servicedefaults.problem.ProblemException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The article feature's facade. Another user's unpublished article does not exist for a
 * caller who may not see it (404, not 403); every change checks the version it was made
 * on, writes its event to the outbox in the same transaction, and invalidates cached
 * reads when public content changed.
 */
@Service
class ArticleService {

	private static final String FEED = "articles:published";

	private final Articles articles;

	private final CategoryTree categories;

	private final Authors authors;

	private final Markdown markdown;

	private final Outbox outbox;

	private final AuditLog audit;

	private final ContentCache cache;

	private final Paging paging;

	private final JsonMapper json;

	private final Clock clock;

	private final int cachedPages;

	ArticleService(Articles articles, CategoryTree categories, Authors authors, Markdown markdown, Outbox outbox,
			AuditLog audit, ContentCache cache, Paging paging, JsonMapper json, Clock clock,
			ContentProperties properties) {
		this.articles = articles;
		this.categories = categories;
		this.authors = authors;
		this.markdown = markdown;
		this.outbox = outbox;
		this.audit = audit;
		this.cache = cache;
		this.paging = paging;
		this.json = json;
		this.clock = clock;
		this.cachedPages = properties.cache().cachedPages();
	}

	/**
	 * Reads one article by id or slug. Published articles come from the cache; others are
	 * read for the caller alone. No transaction: a cache hit touches no database, and a
	 * miss reads with single statements.
	 */
	Read read(String ref, Caller caller) {
		if (!isUuid(ref)) {
			CachedJson published = this.cache.readIfPresent("article:" + ref,
					() -> this.articles.findBySlug(ref)
						.filter((found) -> found.article().state() == ArticleState.PUBLISHED)
						.map((found) -> this.json.writeValueAsString(view(found)))
						.orElse(null));
			if (published != null) {
				return new Read(published, true);
			}
		}
		Articles.Listed found = visible(ref, caller);
		boolean isPublic = found.article().state() == ArticleState.PUBLISHED;
		return new Read(CachedJson.of(this.json.writeValueAsString(view(found))), isPublic);
	}

	/** Lists articles; the first pages of public lists come from the cache. */
	Read list(ArticleListQuery query, PageQuery page, Caller caller) {
		if (query.state() != ArticleState.PUBLISHED) {
			if (!caller.authenticated()) {
				throw ProblemException.unauthorized("Listing unpublished articles needs a bearer access token.");
			}
			ArticleListQuery scoped = (caller.can(Permissions.EDIT_ANY) || caller.can(Permissions.PUBLISH)) ? query
					: new ArticleListQuery(query.state(), query.categoryId(), query.tag(), caller.userId(),
							query.sort());
			return new Read(CachedJson.of(this.json.writeValueAsString(listPage(scoped, page))), false);
		}
		if (page.page() <= this.cachedPages) {
			CachedJson cached = this.cache.read("articles:" + query.key() + "|" + page.page() + "|" + page.size(),
					() -> this.json.writeValueAsString(listPage(query, page)));
			return new Read(cached, true);
		}
		return new Read(CachedJson.of(this.json.writeValueAsString(listPage(query, page))), true);
	}

	@Transactional(readOnly = true)
	FeedView<ArticleSummary> feed(@Nullable String cursor, @Nullable Integer size) {
		int limit = this.paging.feedSize(size);
		Optional<FeedPosition> after = this.paging.position(FEED, cursor);
		List<Articles.Listed> slice = this.articles.feed(after.orElse(null), limit + 1);
		boolean more = slice.size() > limit;
		List<Articles.Listed> items = more ? slice.subList(0, limit) : slice;
		String next = null;
		if (more) {
			Article last = items.get(items.size() - 1).article();
			next = this.paging.cursor(FEED, new FeedPosition(last.publishedAt(), last.id()));
		}
		return new FeedView<>(items.stream().map(Articles.Listed::summary).toList(), next);
	}

	@Transactional(readOnly = true)
	PageView<ArticleSummary> trash(PageQuery page, Caller caller) {
		String owner = caller.can(Permissions.DELETE) ? null : caller.requireUserId();
		return PageView.of(this.articles.trash(owner, page), page, this.articles.trashCount(owner))
			.map(Articles.Listed::summary);
	}

	@Transactional
	ArticleView create(ArticleRequest request, Caller caller) {
		String authorId = this.authors.ensure(caller);
		requireCategory(request.categoryId());
		String slug = (request.slug() != null) ? requireFreeSlug(request.slug()) : freeSlug(request.title());
		Markdown.Rendered body = this.markdown.render(request.body());
		Instant now = this.clock.instant();
		Article article = new Article(UUID.randomUUID(), slug, request.title().strip(), orEmpty(request.summary()),
				request.body(), body.html(), body.text(), tags(request.tags()), request.categoryId(), authorId,
				ArticleState.DRAFT, null, now, now, null, 0);
		try {
			this.articles.insert(article);
		}
		catch (DuplicateKeyException ex) {
			throw slugTaken(slug);
		}
		Articles.Listed stored = this.articles.find(article.id()).orElseThrow();
		announce(ArticleEvents.CREATED, stored);
		this.audit.audit("article.created", target(article.id()), Map.of("slug", slug));
		return view(stored);
	}

	@Transactional
	ArticleView update(UUID id, ArticleUpdate update, Caller caller) {
		Articles.Listed current = visible(id.toString(), caller);
		Article article = current.article();
		if (!article.editableBy(caller)) {
			throw ProblemException.forbidden((article.state() == ArticleState.DRAFT)
					? "You may edit only your own drafts." : "Only editors may change an article once it left draft.");
		}
		requireVersion(article, update.version());
		requireCategory(update.categoryId());
		if (!article.slug().equals(update.slug())) {
			requireFreeSlug(update.slug());
		}
		Markdown.Rendered body = this.markdown.render(update.body());
		Article changed = new Article(id, update.slug(), update.title().strip(), orEmpty(update.summary()),
				update.body(), body.html(), body.text(), tags(update.tags()), update.categoryId(), article.authorId(),
				article.state(), article.publishedAt(), article.createdAt(), this.clock.instant(), null,
				article.version());
		try {
			if (!this.articles.update(changed, update.version())) {
				throw stale();
			}
		}
		catch (DuplicateKeyException ex) {
			throw slugTaken(update.slug());
		}
		Articles.Listed stored = this.articles.find(id).orElseThrow();
		announce(ArticleEvents.UPDATED, stored);
		this.audit.audit("article.updated", target(id), Map.of("slug", update.slug()));
		if (article.state() == ArticleState.PUBLISHED) {
			this.cache.invalidateAfterCommit();
		}
		return view(stored);
	}

	@Transactional
	ArticleView transition(UUID id, ArticleState next, @Nullable Long expectedVersion, Caller caller) {
		Articles.Listed current = visible(id.toString(), caller);
		Article article = current.article();
		if (!caller.can(Permissions.PUBLISH)) {
			throw ProblemException.forbidden("Publishing, unpublishing and archiving need articles.publish.");
		}
		long version = (expectedVersion != null) ? expectedVersion : article.version();
		requireVersion(article, version);
		if (!article.state().canMoveTo(next)) {
			throw ProblemException
				.conflict("An article that is " + article.state().value() + " cannot become " + next.value() + ".");
		}
		if (!this.articles.update(article.withState(next, this.clock.instant()), version)) {
			throw stale();
		}
		Articles.Listed stored = this.articles.find(id).orElseThrow();
		announce(switch (next) {
			case PUBLISHED -> ArticleEvents.PUBLISHED;
			case DRAFT -> ArticleEvents.UNPUBLISHED;
			case ARCHIVED -> ArticleEvents.ARCHIVED;
		}, stored);
		this.audit.audit("article." + next.value(), target(id), Map.of("from", article.state().value()));
		this.cache.invalidateAfterCommit();
		return view(stored);
	}

	@Transactional
	void delete(UUID id, @Nullable Long expectedVersion, Caller caller) {
		Article article = visible(id.toString(), caller).article();
		if (!article.deletableBy(caller)) {
			throw ProblemException.forbidden("You may delete only your own drafts.");
		}
		long version = (expectedVersion != null) ? expectedVersion : article.version();
		requireVersion(article, version);
		if (!this.articles.moveToTrash(id, version, this.clock.instant())) {
			throw stale();
		}
		announce(ArticleEvents.DELETED, this.articles.find(id).orElseThrow());
		this.audit.audit("article.deleted", target(id), Map.of("slug", article.slug()));
		if (article.state() == ArticleState.PUBLISHED) {
			this.cache.invalidateAfterCommit();
		}
	}

	@Transactional
	ArticleView restore(UUID id, Caller caller) {
		Article article = this.articles.find(id)
			.map(Articles.Listed::article)
			.filter((found) -> found.deletedAt() != null && found.deletableBy(caller))
			.orElseThrow(() -> ProblemException.notFound("There is no article '" + id + "' in your trash."));
		if (!this.articles.restore(id, article.version())) {
			throw stale();
		}
		Articles.Listed stored = this.articles.find(id).orElseThrow();
		announce(ArticleEvents.RESTORED, stored);
		this.audit.audit("article.restored", target(id), Map.of("slug", article.slug()));
		if (article.state() == ArticleState.PUBLISHED) {
			this.cache.invalidateAfterCommit();
		}
		return view(stored);
	}

	/**
	 * Announces articles whose category changed under them, in the caller's transaction.
	 */
	void announceCategoryChange(List<UUID> ids) {
		for (UUID id : ids) {
			this.articles.find(id)
				.filter((found) -> found.article().deletedAt() == null)
				.ifPresent((found) -> announce(ArticleEvents.UPDATED, found));
		}
		this.cache.invalidateAfterCommit();
	}

	private PageView<ArticleSummary> listPage(ArticleListQuery query, PageQuery page) {
		return PageView.of(this.articles.page(query, page), page, this.articles.count(query))
			.map(Articles.Listed::summary);
	}

	/** The article if this caller may see it; 404 otherwise, whether or not it exists. */
	private Articles.Listed visible(String ref, Caller caller) {
		Optional<Articles.Listed> found = isUuid(ref) ? this.articles.find(UUID.fromString(ref))
				: this.articles.findBySlug(ref);
		return found.filter((listed) -> listed.article().deletedAt() == null)
			.filter((listed) -> listed.article().visibleTo(caller))
			.orElseThrow(() -> ProblemException.notFound("There is no article '" + ref + "'."));
	}

	private ArticleView view(Articles.Listed listed) {
		Article a = listed.article();
		return new ArticleView(a.id(), a.slug(), a.title(), a.summary(), a.body(), a.bodyHtml(), a.tags(),
				(a.categoryId() != null) ? this.categories.path(a.categoryId()) : List.of(), listed.author(),
				a.state().value(), a.publishedAt(), a.createdAt(), a.updatedAt(), a.version());
	}

	private void announce(EventType<ArticleSnapshot> type, Articles.Listed listed) {
		this.outbox.append(type, listed.article().id().toString(), snapshot(listed));
	}

	/**
	 * Returns published articles as the events carry them, in id order, for rebuilding a
	 * search index.
	 * @param after the last id of the previous page
	 * @param size the page size
	 * @return the page
	 */
	@Transactional(readOnly = true)
	List<ArticleSnapshot> publishedSnapshots(@Nullable UUID after, int size) {
		return this.articles.publishedAfter(after, size).stream().map(this::snapshot).toList();
	}

	private ArticleSnapshot snapshot(Articles.Listed listed) {
		Article a = listed.article();
		return new ArticleSnapshot(a.id(), a.slug(), a.title(), a.summary(), a.bodyText(), a.tags(),
				(a.categoryId() != null) ? this.categories.path(a.categoryId()) : List.of(), a.authorId(),
				listed.author().displayName(), a.state().value(), a.publishedAt(), a.updatedAt(), a.version());
	}

	private void requireCategory(@Nullable UUID categoryId) {
		if (categoryId != null && !this.categories.exists(categoryId)) {
			throw new InvalidFieldsException(List.of(new FieldViolation("categoryId", "no such category")));
		}
	}

	private String requireFreeSlug(String slug) {
		if (!Slug.isValid(slug)) {
			throw new InvalidFieldsException(
					List.of(new FieldViolation("slug", "must not be an id or a reserved word (trash, feed, new)")));
		}
		if (this.articles.slugTaken(slug)) {
			throw slugTaken(slug);
		}
		return slug;
	}

	private String freeSlug(String title) {
		Slug base = Slug.from(title, "article");
		Slug candidate = base;
		for (int n = 2; this.articles.slugTaken(candidate.value()); n++) {
			candidate = base.withSuffix(n);
		}
		return candidate.value();
	}

	private static void requireVersion(Article article, long expected) {
		if (article.version() != expected) {
			throw stale();
		}
	}

	private static ProblemException stale() {
		return ProblemException.conflict("The article was changed by someone else. Reload it and try again.");
	}

	private static ProblemException slugTaken(String slug) {
		return ProblemException.conflict("Another article has the slug '" + slug + "'.");
	}

	private static List<String> tags(@Nullable List<String> tags) {
		return (tags != null) ? tags.stream().map(String::strip).distinct().toList() : List.of();
	}

	private static String orEmpty(@Nullable String value) {
		return (value != null) ? value : "";
	}

	private static String target(UUID id) {
		return "article:" + id;
	}

	private static boolean isUuid(String ref) {
		if (ref.length() != 36) {
			return false;
		}
		try {
			UUID.fromString(ref);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * A read's body, and whether shared caches may keep it.
	 */
	record Read(CachedJson body, boolean isPublic) {
	}

}
