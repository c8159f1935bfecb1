package dev.nori.search.content;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

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
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The index of published content, kept in sync from article events: a published article
 * is (re)indexed from the event's snapshot, anything else (a draft again, archived, in
 * the trash) is removed. An event applies only when its version is newer than the one the
 * index holds, so duplicates and stragglers change nothing.
 * <p>
 * A consumer batch is applied just before its transaction commits: one version round
 * trip, one journal insert, then the engine's writes are made searchable. They are made
 * durable in the engine every {@code nori.search.durability.commit-interval}; until then
 * the database journal holds them, in the same transaction that records the events as
 * handled, and a start after a crash applies them again. A commit (an fsync of new
 * segment files) for every batch made write → searchable several times slower.
 */
@Component
@EnableConfigurationProperties(DurabilityProperties.class)
public class ContentIndex implements EventFamilyHandler<ArticleSnapshot>, InitializingBean, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ContentIndex.class);

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	/** The index's name. */
	public static final String INDEX = "content";

	/** Its fields: weights for relevance, filters, facets, highlights, the date. */
	public static final IndexSchema SCHEMA = new IndexSchema(
			Map.of("title", 4f, "summary", 2f, "body", 1f, "tags", 2f, "categories", 1f, "authorName", 1f),
			Set.of("tag", "category", "author"), Set.of("tags", "categories"), Set.of("title", "summary", "body"),
			"publishedAt");

	private final SearchEngine engine;

	private final IndexedVersions versions;

	private final IndexJournal journal;

	private final JsonMapper json;

	private final Clock clock;

	private final ReentrantReadWriteLock switching = new ReentrantReadWriteLock();

	private volatile @Nullable String rebuilding;

	private final Timer delay;

	// journal entries whose transaction committed: the next engine commit
	// makes them durable
	private final Queue<Long> committed = new ConcurrentLinkedQueue<>();

	private final ScheduledExecutorService committer = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("content-index-commit").daemon().factory());

	private final Duration commitInterval;

	ContentIndex(SearchEngine engine, IndexedVersions versions, IndexJournal journal, JsonMapper json, Clock clock,
			MeterRegistry meters, DurabilityProperties durability) {
		this.engine = engine;
		this.versions = versions;
		this.journal = journal;
		this.json = json;
		this.clock = clock;
		this.commitInterval = durability.commitInterval();
		this.delay = Timer.builder("nori.search.index.delay")
			.description("From a content change to its being searchable (event time to the batch's commit)")
			.publishPercentiles(0.5, 0.99)
			.register(meters);
		engine.ensureIndex(INDEX, SCHEMA);
	}

	/**
	 * Applies again what the journal holds (the engine may have lost it in a crash), then
	 * starts committing at the configured interval.
	 */
	@Override
	public void afterPropertiesSet() {
		replayJournal();
		long interval = this.commitInterval.toMillis();
		this.committer.scheduleWithFixedDelay(this::commitQuietly, interval, interval, TimeUnit.MILLISECONDS);
	}

	/**
	 * Applies again the newest journaled change of every document, makes them durable and
	 * empties the journal.
	 * @return how many changes were applied
	 */
	int replayJournal() {
		long last = this.journal.last(INDEX);
		List<IndexJournal.Entry> entries = this.journal.newest(INDEX);
		for (IndexJournal.Entry entry : entries) {
			if (entry.document() != null) {
				this.engine.upsert(INDEX, entry.id(), this.json.readValue(entry.document(), MAP));
			}
			else {
				this.engine.delete(INDEX, entry.id());
			}
		}
		this.engine.flush();
		this.journal.forgetUpTo(INDEX, last);
		if (!entries.isEmpty()) {
			log.info("Applied {} changes again that the index had not made durable before it stopped", entries.size());
		}
		return entries.size();
	}

	/**
	 * Makes the changes of every committed batch durable in the engine and forgets them
	 * in the journal.
	 * @return how many journal entries were forgotten
	 */
	int commit() {
		List<Long> seqs = new ArrayList<>();
		for (Long seq = this.committed.poll(); seq != null; seq = this.committed.poll()) {
			seqs.add(seq);
		}
		if (seqs.isEmpty()) {
			return 0;
		}
		try {
			// every change drained was written to the engine before its transaction
			// committed, so this commit holds it
			this.engine.flush();
			this.journal.forget(seqs);
			return seqs.size();
		}
		catch (RuntimeException ex) {
			this.committed.addAll(seqs);
			throw ex;
		}
	}

	private void commitQuietly() {
		try {
			commit();
		}
		catch (RuntimeException ex) {
			log.warn("Committing the content index failed; the journal keeps its changes, trying again: {}",
					ex.getMessage());
		}
	}

	@Override
	public void destroy() {
		this.committer.shutdownNow();
		commitQuietly();
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
		Change change = new Change(article, searchable, event.time());
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			Instant now = this.clock.instant();
			applyDurably(change).forEach((time) -> this.delay.record(Duration.between(time, now)));
			return;
		}
		// the newest version of each article in the batch is the one that counts
		batch().changes.merge(change.id(), change,
				(held, given) -> (given.article().version() > held.article().version()) ? given : held);
	}

	/**
	 * Applies the changes this transaction has seen so far now, rather than just before
	 * it commits: for handlers that read the index in the same batch.
	 */
	void applyPending() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			batch().apply();
		}
	}

	/**
	 * Forgets the journaled changes of documents that were rewritten outside the journal
	 * (a category's new path) and committed in the engine since: applied again after a
	 * crash, they would bring back what the rewrite replaced.
	 * @param ids the rewritten documents
	 */
	void durablyRewritten(List<String> ids) {
		this.journal.forgetDocuments(INDEX, ids);
	}

	@SuppressWarnings("unchecked")
	private Batch batch() {
		Batch bound = (Batch) TransactionSynchronizationManager.getResource(this);
		if (bound != null) {
			return bound;
		}
		Batch batch = new Batch();
		TransactionSynchronizationManager.bindResource(this, batch);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void beforeCommit(boolean readOnly) {
				batch.apply();
			}

			@Override
			public void afterCommit() {
				Instant now = ContentIndex.this.clock.instant();
				batch.times.forEach((time) -> ContentIndex.this.delay.record(Duration.between(time, now)));
				ContentIndex.this.committed.addAll(batch.seqs);
			}

			@Override
			public void afterCompletion(int status) {
				TransactionSynchronizationManager.unbindResourceIfPossible(ContentIndex.this);
			}
		});
		return batch;
	}

	// outside a consumer transaction (a test, a tool): no journal, an engine commit
	private List<Instant> applyDurably(Change change) {
		List<Change> newer = newer(Map.of(change.id(), change));
		write(newer);
		this.engine.flush();
		return newer.stream().map(Change::time).toList();
	}

	private List<Change> newer(Map<String, Change> changes) {
		if (changes.isEmpty()) {
			return List.of();
		}
		Set<String> advanced = this.versions.advanceAll(INDEX, changes.values().stream().map(Change::row).toList(),
				this.clock.instant());
		return changes.values().stream().filter((change) -> advanced.contains(change.id())).toList();
	}

	private void write(List<Change> changes) {
		this.switching.readLock().lock();
		try {
			for (Change change : changes) {
				for (String target : targets()) {
					if (change.searchable()) {
						this.engine.upsert(target, change.id(), document(change.article()));
					}
					else {
						this.engine.delete(target, change.id());
					}
				}
			}
		}
		finally {
			this.switching.readLock().unlock();
		}
	}

	// a transaction's changes: held until it is about to commit
	private final class Batch {

		final Map<String, Change> changes = new LinkedHashMap<>();

		final List<Instant> times = new ArrayList<>();

		final List<Long> seqs = new ArrayList<>();

		void apply() {
			List<Change> newer = newer(this.changes);
			this.changes.clear();
			if (newer.isEmpty()) {
				return;
			}
			this.seqs.addAll(ContentIndex.this.journal.record(INDEX, newer.stream().map(this::entry).toList()));
			write(newer);
			ContentIndex.this.engine.refresh();
			newer.forEach((change) -> this.times.add(change.time()));
		}

		private IndexJournal.Entry entry(Change change) {
			return new IndexJournal.Entry(0, change.id(), change.article().version(),
					change.searchable() ? ContentIndex.this.json.writeValueAsString(document(change.article())) : null);
		}

	}

	// an article event as the index applies it
	private record Change(ArticleSnapshot article, boolean searchable, Instant time) {

		String id() {
			return this.article.articleId().toString();
		}

		IndexedVersions.Change row() {
			return new IndexedVersions.Change(id(), this.article.version(), this.searchable);
		}

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
