package dev.nori.content.post;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.nori.content.author.Authors;
import dev.nori.content.author.Caller;
import dev.nori.content.paging.FeedPosition;
import dev.nori.content.paging.FeedView;
import dev.nori.content.paging.PageQuery;
import dev.nori.content.paging.PageView;
import dev.nori.content.paging.Paging;
import dev.nori.servicedefaults.audit.AuditLog;
import dev.nori.servicedefaults.core.problem.FieldViolation;
import dev.nori.servicedefaults.problem.InvalidFieldsException;
import dev.nori.servicedefaults.problem.ProblemException;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The post feature's facade: a public keyset feed, and changes checked against the
 * version they were made on.
 */
@Service
class PostService {

	private final Posts posts;

	private final Authors authors;

	private final Paging paging;

	private final AuditLog audit;

	private final Clock clock;

	PostService(Posts posts, Authors authors, Paging paging, AuditLog audit, Clock clock) {
		this.posts = posts;
		this.authors = authors;
		this.paging = paging;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	FeedView<PostView> feed(@Nullable UUID articleId, @Nullable String cursor, @Nullable Integer size) {
		int limit = this.paging.feedSize(size);
		String feed = "posts:" + articleId;
		FeedPosition after = this.paging.position(feed, cursor).orElse(null);
		List<Posts.Listed> slice = this.posts.feed(articleId, after, limit + 1);
		boolean more = slice.size() > limit;
		List<Posts.Listed> items = more ? slice.subList(0, limit) : slice;
		String next = null;
		if (more) {
			Post last = items.get(items.size() - 1).post();
			next = this.paging.cursor(feed, new FeedPosition(last.createdAt(), last.id()));
		}
		return new FeedView<>(items.stream().map(Posts.Listed::view).toList(), next);
	}

	@Transactional(readOnly = true)
	PostView read(UUID id) {
		return this.posts.findPublic(id).map(Posts.Listed::view).orElseThrow(() -> notFound(id));
	}

	@Transactional(readOnly = true)
	PageView<PostView> trash(PageQuery page, Caller caller) {
		String owner = caller.can("articles.delete") ? null : caller.requireUserId();
		return PageView.of(this.posts.trash(owner, page), page, this.posts.trashCount(owner)).map(Posts.Listed::view);
	}

	@Transactional
	PostView create(PostRequest request, Caller caller) {
		String authorId = this.authors.ensure(caller);
		if (request.articleId() != null && !this.posts.articleIsPublic(request.articleId())) {
			throw new InvalidFieldsException(List.of(new FieldViolation("articleId", "no such published article")));
		}
		Instant now = this.clock.instant();
		Post post = new Post(UUID.randomUUID(), request.articleId(), authorId, request.body().strip(), now, now, null,
				0);
		this.posts.insert(post);
		this.audit.audit("post.created", target(post.id()), Map.of());
		return this.posts.find(post.id()).orElseThrow().view();
	}

	@Transactional
	PostView update(UUID id, PostUpdate update, Caller caller) {
		Post post = existing(id);
		if (!post.editableBy(caller)) {
			throw ProblemException.forbidden("You may edit only your own posts.");
		}
		if (post.version() != update.version()
				|| !this.posts.update(id, update.body().strip(), this.clock.instant(), update.version())) {
			throw stale();
		}
		this.audit.audit("post.updated", target(id), Map.of());
		return this.posts.find(id).orElseThrow().view();
	}

	@Transactional
	void delete(UUID id, @Nullable Long expectedVersion, Caller caller) {
		Post post = existing(id);
		if (!post.deletableBy(caller)) {
			throw ProblemException.forbidden("You may delete only your own posts.");
		}
		long version = (expectedVersion != null) ? expectedVersion : post.version();
		if (post.version() != version || !this.posts.moveToTrash(id, version, this.clock.instant())) {
			throw stale();
		}
		this.audit.audit("post.deleted", target(id), Map.of());
	}

	@Transactional
	PostView restore(UUID id, Caller caller) {
		Post post = this.posts.find(id)
			.map(Posts.Listed::post)
			.filter((found) -> found.deletedAt() != null && found.deletableBy(caller))
			.orElseThrow(() -> ProblemException.notFound("There is no post '" + id + "' in your trash."));
		if (!this.posts.restore(id, post.version())) {
			throw stale();
		}
		this.audit.audit("post.restored", target(id), Map.of());
		return this.posts.find(id).orElseThrow().view();
	}

	private Post existing(UUID id) {
		return this.posts.find(id)
			.map(Posts.Listed::post)
			.filter((post) -> post.deletedAt() == null)
			.orElseThrow(() -> notFound(id));
	}

	private static ProblemException stale() {
		return ProblemException.conflict("The post was changed by someone else. Reload it and try again.");
	}

	private static ProblemException notFound(UUID id) {
		return ProblemException.notFound("There is no post '" + id + "'.");
	}

	private static String target(UUID id) {
		return "post:" + id;
	}

}
