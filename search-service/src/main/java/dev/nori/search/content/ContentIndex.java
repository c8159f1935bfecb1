package dev.nori.search.content;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.nori.contracts.content.ArticleEvents;
import dev.nori.contracts.content.ArticleSnapshot;
import dev.nori.contracts.content.CategoryRef;
import dev.nori.contracts.event.EventEnvelope;
import dev.nori.contracts.event.EventType;
import dev.nori.eventing.inbox.EventFamilyHandler;
import dev.nori.search.engine.IndexSchema;
import dev.nori.search.engine.SearchEngine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The index of published content, kept in sync from article events: a published article
 * is (re)indexed from the event's snapshot, anything else (a draft again, archived, in
 * the trash) is removed. An event applies only when its version is newer than the one the
 * index holds, so duplicates and stragglers change nothing. The engine's writes are made
 * durable before the events are recorded as handled.
 */
@Component
public class ContentIndex implements EventFamilyHandler<ArticleSnapshot> {

	/** The index's name. */
	public static final String INDEX = "content";

	/** Its fields: weights for relevance, filters, facets, highlights, the date. */
	public static final IndexSchema SCHEMA = new IndexSchema(
			Map.of("title", 4f, "summary", 2f, "body", 1f, "tags", 2f, "categories", 1f, "authorName", 1f),
			Set.of("tag", "category", "author"), Set.of("tags", "categories"), Set.of("title", "summary", "body"),
			"publishedAt");

	private final SearchEngine engine;

	private final IndexedVersions versions;

	private final Clock clock;

	private final java.util.concurrent.locks.ReentrantReadWriteLock switching = new java.util.concurrent.locks.ReentrantReadWriteLock();

	private volatile @org.jspecify.annotations.Nullable String rebuilding;

	private final Timer delay;

	ContentIndex(SearchEngine engine, IndexedVersions versions, Clock clock, MeterRegistry meters) {
		this.engine = engine;
		this.versions = versions;
		this.clock = clock;
		this.delay = Timer.builder("nori.search.index.delay")
			.description("From a content change to its being searchable (event time to index commit)")
			.publishPercentiles(0.5, 0.99)
			.register(meters);
		engine.ensureIndex(INDEX, SCHEMA);
	}

	@Override
	public List<EventType<ArticleSnapshot>> eventTypes() {
		return List.of(ArticleEvents.CREATED, ArticleEvents.UPDATED, ArticleEvents.PUBLISHED, ArticleEvents.UNPUBLISHED,
				ArticleEvents.ARCHIVED, ArticleEvents.DELETED, ArticleEvents.RESTORED);
	}

	@Override
	public void handle(EventEnvelope<ArticleSnapshot> event) {
		ArticleSnapshot article = event.data();
		boolean searchable = "published".equals(article.state()) && !ArticleEvents.DELETED.name().equals(event.type());
		String id = article.articleId().toString();
		if (!this.versions.advance(INDEX, id, article.version(), searchable, this.clock.instant())) {
			return;
		}
		this.switching.readLock().lock();
		try {
			for (String target : targets()) {
				if (searchable) {
					this.engine.upsert(target, id, document(article));
				}
				else {
					this.engine.delete(target, id);
				}
			}
		}
		finally {
			this.switching.readLock().unlock();
		}
		flushBeforeCommit().add(event.time());
	}

	// one flush before the batch's commit, however many events it holds; the delay of
	// each of them is known once it committed
	@SuppressWarnings("unchecked")
	private List<Instant> flushBeforeCommit() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			this.engine.flush();
			return new ArrayList<>();
		}
		List<Instant> batch = (List<Instant>) TransactionSynchronizationManager.getResource(this);
		if (batch != null) {
			return batch;
		}
		List<Instant> changed = new ArrayList<>();
		TransactionSynchronizationManager.bindResource(this, changed);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void beforeCommit(boolean readOnly) {
				ContentIndex.this.engine.flush();
			}

			@Override
			public void afterCommit() {
				Instant now = ContentIndex.this.clock.instant();
				changed.forEach((time) -> ContentIndex.this.delay.record(Duration.between(time, now)));
			}

			@Override
			public void afterCompletion(int status) {
				TransactionSynchronizationManager.unbindResourceIfPossible(ContentIndex.this);
			}
		});
		return changed;
	}

	private List<String> targets() {
		String rebuild = this.rebuilding;
		return (rebuild != null) ? List.of(INDEX, rebuild) : List.of(INDEX);
	}

	/**
	 * From now on, every event is also applied to an index being rebuilt.
	 * @param rebuild the index being rebuilt
	 */
	void alsoWriteTo(String rebuild) {
		this.engine.ensureIndex(rebuild, SCHEMA);
		this.rebuilding = rebuild;
	}

	/**
	 * Puts the rebuilt index in place, with no event applied to one and not the other.
	 */
	void switchToRebuilt() {
		this.switching.writeLock().lock();
		try {
			String rebuild = this.rebuilding;
			if (rebuild != null) {
				this.engine.replace(INDEX, rebuild);
				this.rebuilding = null;
			}
		}
		finally {
			this.switching.writeLock().unlock();
		}
	}

	/** Stops writing to a rebuild that failed. */
	void abandonRebuild() {
		this.switching.writeLock().lock();
		try {
			this.rebuilding = null;
		}
		finally {
			this.switching.writeLock().unlock();
		}
	}

	/**
	 * Returns the document an article becomes.
	 * @param article the article
	 * @return its fields
	 */
	public static Map<String, Object> document(ArticleSnapshot article) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("id", article.articleId().toString());
		document.put("slug", article.slug());
		document.put("title", article.title());
		document.put("summary", article.summary());
		document.put("body", article.bodyText());
		document.put("tags", article.tags());
		document.put("tag", article.tags());
		document.put("categories", article.categoryPath().stream().map(CategoryRef::slug).toList());
		// a category filter matches the category and every descendant: each article holds
		// its whole path, by id and by slug
		document.put("category",
				article.categoryPath()
					.stream()
					.flatMap((category) -> java.util.stream.Stream.of(category.id().toString(), category.slug()))
					.toList());
		document.put("author", article.authorId());
		document.put("authorName", article.authorName());
		document.put("publishedAt", (article.publishedAt() != null) ? article.publishedAt().toString() : null);
		document.put("version", article.version());
		return document;
	}

}
