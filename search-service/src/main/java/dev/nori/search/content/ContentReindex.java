package dev.nori.search.content;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.nori.contracts.content.ArticleSnapshot;
import dev.nori.search.engine.SearchEngine;
import dev.nori.servicedefaults.problem.ProblemException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds the content index from content-service into a new index and puts it in place
 * in one step, so that search never answers from a half-built index. Events keep flowing
 * meanwhile: they are applied to both indexes, and a snapshot older than what an event
 * already applied is skipped (the document's version row is locked while it is copied).
 */
@Component
class ContentReindex {

	private static final Logger log = LoggerFactory.getLogger(ContentReindex.class);

	private static final int PAGE = 500;

	private final ContentSnapshots snapshots;

	private final ContentIndex index;

	private final IndexedVersions versions;

	private final SearchEngine engine;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final AtomicBoolean running = new AtomicBoolean();

	private volatile Status status = new Status("idle", 0, null, null, null);

	ContentReindex(ContentSnapshots snapshots, ContentIndex index, IndexedVersions versions, SearchEngine engine,
			TransactionTemplate transaction, Clock clock) {
		this.snapshots = snapshots;
		this.index = index;
		this.versions = versions;
		this.engine = engine;
		this.transaction = transaction;
		this.clock = clock;
	}

	/**
	 * Starts a rebuild in the background.
	 * @return its status
	 * @throws ProblemException 409 while one runs
	 */
	Status start() {
		if (!this.running.compareAndSet(false, true)) {
			throw ProblemException.conflict("A reindex is running; see GET /api/search/admin/reindex");
		}
		Instant started = this.clock.instant();
		this.status = new Status("running", 0, started, null, null);
		Thread.ofVirtual().name("content-reindex").start(() -> run(started));
		return this.status;
	}

	/**
	 * Returns how the last rebuild went, or how the running one goes.
	 * @return the status
	 */
	Status status() {
		return this.status;
	}

	private void run(Instant started) {
		String rebuild = ContentIndex.INDEX + "-" + started.toEpochMilli();
		long copied = 0;
		try {
			this.index.alsoWriteTo(rebuild);
			UUID after = null;
			while (true) {
				List<ArticleSnapshot> page = this.snapshots.page(after, PAGE);
				if (page.isEmpty()) {
					break;
				}
				copied += copy(rebuild, page);
				after = page.get(page.size() - 1).articleId();
				this.status = new Status("running", copied, started, null, null);
			}
			this.engine.flush();
			this.index.switchToRebuilt();
			this.status = new Status("done", copied, started, this.clock.instant(), null);
			log.info("Reindexed {} articles into {}", copied, rebuild);
		}
		catch (Exception ex) {
			this.index.abandonRebuild();
			this.status = new Status("failed", copied, started, this.clock.instant(), ex.getMessage());
			log.warn("Reindexing failed after {} articles: {}", copied, ex.getMessage());
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
		}
		finally {
			this.running.set(false);
		}
	}

	private int copy(String rebuild, List<ArticleSnapshot> page) {
		Integer written = this.transaction.execute((status) -> {
			Map<String, Long> given = new LinkedHashMap<>();
			page.forEach((article) -> given.put(article.articleId().toString(), article.version()));
			Map<String, Long> stored = this.versions.lockAll(ContentIndex.INDEX, given, this.clock.instant());
			int count = 0;
			for (ArticleSnapshot article : page) {
				String id = article.articleId().toString();
				long version = stored.getOrDefault(id, article.version());
				// newer events were applied to both indexes already
				if (version > article.version()) {
					continue;
				}
				if (version < article.version()) {
					this.versions.advance(ContentIndex.INDEX, id, article.version(), true, this.clock.instant());
				}
				this.engine.upsert(rebuild, id, ContentIndex.document(article));
				count++;
			}
			return count;
		});
		return (written != null) ? written : 0;
	}

	/**
	 * A rebuild's progress.
	 *
	 * @param state {@code idle}, {@code running}, {@code done} or {@code failed}
	 * @param documents articles copied so far
	 * @param startedAt when it began
	 * @param finishedAt when it ended
	 * @param error why it failed
	 */
	record Status(String state, long documents, @Nullable Instant startedAt, @Nullable Instant finishedAt,
			@Nullable String error) {
	}

}
