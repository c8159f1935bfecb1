package dev.nori.content.category;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.nori.content.cache.ContentCache;
import dev.nori.content.config.ContentProperties;
import dev.nori.content.slug.Slug;
import dev.nori.contracts.content.CategoryMoved;
import dev.nori.contracts.content.CategoryRef;
import dev.nori.contracts.content.CategoryUpdated;
import dev.nori.eventing.outbox.Outbox;
import dev.nori.servicedefaults.audit.AuditLog;
import dev.nori.servicedefaults.core.problem.FieldViolation;
import dev.nori.servicedefaults.problem.InvalidFieldsException;
import dev.nori.servicedefaults.problem.ProblemException;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads and changes the category tree. Every change to its shape takes the tree lock,
 * checks, writes, announces the change through the outbox and invalidates cached reads.
 */
@Service
class CategoryService {

	private final CategoryTree tree;

	private final ContentProperties.Categories properties;

	private final Outbox outbox;

	private final AuditLog audit;

	private final ContentCache cache;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	CategoryService(CategoryTree tree, ContentProperties properties, Outbox outbox, AuditLog audit, ContentCache cache,
			ApplicationEventPublisher events, Clock clock) {
		this.tree = tree;
		this.properties = properties.categories();
		this.outbox = outbox;
		this.audit = audit;
		this.cache = cache;
		this.events = events;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	List<CategoryNodeView> tree(@Nullable Integer maxDepth) {
		return this.tree.descendants(null, depthLimit(maxDepth));
	}

	@Transactional(readOnly = true)
	CategoryDetailView detail(String ref) {
		Category category = resolve(ref);
		List<CategoryRef> path = this.tree.path(category.id());
		return new CategoryDetailView(category.view(), path, path.size(), this.tree.childCount(category.id()),
				this.tree.publishedArticles(category.id()), this.tree.publishedArticlesInSubtree(category.id()));
	}

	@Transactional(readOnly = true)
	List<CategoryNodeView> descendants(String ref, @Nullable Integer maxDepth) {
		return this.tree.descendants(resolve(ref).id(), depthLimit(maxDepth));
	}

	@Transactional(readOnly = true)
	List<CategoryRef> ancestors(String ref) {
		List<CategoryRef> path = this.tree.path(resolve(ref).id());
		return path.subList(0, path.size() - 1);
	}

	@Transactional
	CategoryView create(CategoryRequest request) {
		this.tree.lockStructure();
		UUID parentId = request.parentId();
		if (parentId != null) {
			if (!this.tree.exists(parentId)) {
				throw new InvalidFieldsException(List.of(new FieldViolation("parentId", "no such category")));
			}
			requireDepth(this.tree.depth(parentId) + 1);
		}
		String slug = (request.slug() != null) ? requireFreeSlug(request.slug()) : freeSlug(request.name());
		Instant now = this.clock.instant();
		Category category = new Category(UUID.randomUUID(), parentId, request.name().strip(), slug,
				(request.description() != null) ? request.description() : "", now, now, 0);
		this.tree.insert(category);
		this.audit.audit("category.created", "category:" + category.id(), Map.of("slug", slug));
		this.cache.invalidateAfterCommit();
		return category.view();
	}

	@Transactional
	CategoryView update(UUID id, CategoryUpdate update) {
		Category current = this.tree.find(id).orElseThrow(() -> notFound(id.toString()));
		requireVersion(current, update.version());
		if (!current.slug().equals(update.slug())) {
			requireFreeSlug(update.slug());
		}
		Category changed = new Category(id, current.parentId(), update.name().strip(), update.slug(),
				(update.description() != null) ? update.description() : "", current.createdAt(), this.clock.instant(),
				current.version());
		if (!this.tree.update(changed, update.version())) {
			throw stale();
		}
		if (!current.name().equals(changed.name()) || !current.slug().equals(changed.slug())) {
			this.outbox.append(CategoryUpdated.TYPE, id.toString(),
					new CategoryUpdated(id, this.tree.path(id), this.clock.instant()));
		}
		this.audit.audit("category.updated", "category:" + id, Map.of("slug", update.slug()));
		this.cache.invalidateAfterCommit();
		return this.tree.find(id).orElseThrow().view();
	}

	@Transactional
	CategoryView move(UUID id, CategoryMove move) {
		this.tree.lockStructure();
		Category current = this.tree.find(id).orElseThrow(() -> notFound(id.toString()));
		requireVersion(current, move.version());
		UUID parentId = move.parentId();
		if (parentId != null) {
			if (!this.tree.exists(parentId)) {
				throw new InvalidFieldsException(List.of(new FieldViolation("parentId", "no such category")));
			}
			if (this.tree.inSubtreeOf(parentId, id)) {
				throw ProblemException.conflict(
						"A category cannot move under itself or one of its descendants: that would make a cycle.");
			}
			requireDepth(this.tree.depth(parentId) + this.tree.height(id));
		}
		else {
			requireDepth(this.tree.height(id));
		}
		Category moved = new Category(id, parentId, current.name(), current.slug(), current.description(),
				current.createdAt(), this.clock.instant(), current.version());
		if (!this.tree.update(moved, move.version())) {
			throw stale();
		}
		announceMove(id, current.parentId(), parentId);
		this.audit.audit("category.moved", "category:" + id,
				Map.of("from", String.valueOf(current.parentId()), "to", String.valueOf(parentId)));
		this.cache.invalidateAfterCommit();
		return this.tree.find(id).orElseThrow().view();
	}

	@Transactional
	void delete(UUID id, ChildPolicy policy) {
		this.tree.lockStructure();
		Category category = this.tree.find(id).orElseThrow(() -> notFound(id.toString()));
		List<UUID> children = this.tree.children(id);
		long articles = this.tree.allArticles(id);
		if (policy == ChildPolicy.REFUSE && (!children.isEmpty() || articles > 0)) {
			throw ProblemException.conflict("The category holds " + children.size() + " subcategories and " + articles
					+ " articles (trash included). Move them first, or delete with children=move-to-parent.");
		}
		List<UUID> movedArticles = this.tree.deleteMovingContentUp(category);
		for (UUID child : children) {
			announceMove(child, id, category.parentId());
		}
		this.events.publishEvent(new CategoryDeleted(id, category.parentId(), movedArticles));
		this.audit.audit("category.deleted", "category:" + id, Map.of("slug", category.slug(), "movedCategories",
				Integer.toString(children.size()), "movedArticles", Integer.toString(movedArticles.size())));
		this.cache.invalidateAfterCommit();
	}

	private void announceMove(UUID id, @Nullable UUID from, @Nullable UUID to) {
		this.outbox.append(CategoryMoved.TYPE, id.toString(),
				new CategoryMoved(id, from, to, this.tree.path(id), this.clock.instant()));
	}

	private Category resolve(String ref) {
		try {
			UUID id = UUID.fromString(ref);
			return this.tree.find(id).orElseThrow(() -> notFound(ref));
		}
		catch (IllegalArgumentException ex) {
			return this.tree.findBySlug(ref).orElseThrow(() -> notFound(ref));
		}
	}

	private int depthLimit(@Nullable Integer maxDepth) {
		if (maxDepth == null) {
			return this.properties.maxDepth();
		}
		if (maxDepth < 1 || maxDepth > this.properties.maxDepth()) {
			throw new InvalidFieldsException(
					List.of(new FieldViolation("maxDepth", "must be between 1 and " + this.properties.maxDepth())));
		}
		return maxDepth;
	}

	private void requireDepth(int depth) {
		if (depth > this.properties.maxDepth()) {
			throw ProblemException.conflict("The category tree may be at most " + this.properties.maxDepth()
					+ " levels deep; this change would make it " + depth + ".");
		}
	}

	private String requireFreeSlug(String slug) {
		if (!Slug.isValid(slug)) {
			throw new InvalidFieldsException(
					List.of(new FieldViolation("slug", "must not be an id or a reserved word (trash, feed, new)")));
		}
		if (this.tree.slugTaken(slug)) {
			throw ProblemException.conflict("Another category has the slug '" + slug + "'.");
		}
		return slug;
	}

	private String freeSlug(String name) {
		Slug base = Slug.from(name, "category");
		Slug candidate = base;
		for (int n = 2; this.tree.slugTaken(candidate.value()); n++) {
			candidate = base.withSuffix(n);
		}
		return candidate.value();
	}

	private static void requireVersion(Category category, long expected) {
		if (category.version() != expected) {
			throw stale();
		}
	}

	private static ProblemException stale() {
		return ProblemException.conflict("The category was changed by someone else. Reload it and try again.");
	}

	private static ProblemException notFound(String ref) {
		return ProblemException.notFound("There is no category '" + ref + "'.");
	}

}
