package dev.nori.search.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.nori.search.engine.IndexSchema;
import dev.nori.search.engine.SearchEngine;
import dev.nori.search.engine.SearchPage;
import dev.nori.search.engine.SearchQuery;
import dev.nori.search.lucene.StoredHits.StoredHit;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * {@code lucene}: indexes on local disk, one folder each. Writes are searchable after the
 * next refresh (every 100 ms, or {@link #refresh()}, which the event consumer calls for
 * each batch) and durable after the next commit ({@link #flush()}, every few seconds, and
 * every second for the content index, whose journal keeps changes until then), so a
 * restart needs no reindex. Embedded: one service instance per index folder.
 */
@Component
@ConditionalOnProperty(name = "nori.search.engine", havingValue = "lucene", matchIfMissing = true)
@EnableConfigurationProperties(LuceneProperties.class)
public class LuceneEngine implements SearchEngine, MeterBinder, DisposableBean, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LuceneEngine.class);

	private static final String ID = "_id";

	// every string field of a generic index, for its full-text search
	private static final String ALL_TEXT = "_text";

	// characters in a highlighted passage: about 40 words
	private static final int PASSAGE_LENGTH = 240;

	private static final PassageRanking PASSAGES = new PassageRanking();

	// offsets for the highlighter; the text itself is read from the source
	private static final FieldType TEXT = textType();

	private final Path root;

	private final Analyzer analyzer;

	private final JsonMapper json;

	private static final String FOLDERS = "folders.properties";

	private final Map<String, LuceneIndex> indexes = new ConcurrentHashMap<>();

	// index name -> folder, for indexes that were replaced by a rebuild
	private final Properties folders;

	private final SearchAdmission admission;

	private final ScheduledExecutorService maintenance = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("lucene-refresh").daemon().factory());

	/**
	 * Opens the engine over a directory.
	 * @param properties where, in which language, how often it refreshes and commits
	 * @param json how stored documents are written and read
	 */
	public LuceneEngine(LuceneProperties properties, JsonMapper json) {
		this.root = properties.directory().toAbsolutePath();
		this.folders = loadFolders();
		this.analyzer = analyzer(properties.language());
		this.json = json;
		this.admission = SearchAdmission.of(properties);
		long refresh = properties.refreshInterval().toMillis();
		this.maintenance.scheduleWithFixedDelay(this::refreshAll, refresh, refresh, TimeUnit.MILLISECONDS);
		long commit = properties.commitInterval().toMillis();
		this.maintenance.scheduleWithFixedDelay(this::commitQuietly, commit, commit, TimeUnit.MILLISECONDS);
	}

	@Override
	public String name() {
		return "lucene";
	}

	// searches waiting for their turn, and refused after waiting too long
	@Override
	public void bindTo(MeterRegistry registry) {
		this.admission.bindTo(registry);
	}

	@Override
	public void ensureIndex(String index, IndexSchema schema) {
		this.indexes.computeIfAbsent(index, (name) -> {
			try {
				Path path = this.root.resolve(folderOf(name));
				Files.createDirectories(path);
				return new LuceneIndex(path, schema, this.analyzer);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot open the index " + name, ex);
			}
		});
	}

	@Override
	public synchronized void replace(String index, String replacement) {
		LuceneIndex fresh = this.indexes.get(replacement);
		if (fresh == null) {
			throw new IllegalArgumentException("No index " + replacement);
		}
		try {
			fresh.writer.commit();
			fresh.searchers.maybeRefresh();
			// the name now points at the rebuilt folder, on disk first so that
			// a restart agrees
			this.folders.setProperty(index, fresh.folder);
			this.folders.remove(replacement);
			saveFolders();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot put " + replacement + " in place of " + index, ex);
		}
		LuceneIndex old = this.indexes.put(index, fresh);
		this.indexes.remove(replacement);
		if (old != null) {
			// searches that began on the old contents finish first
			this.maintenance.schedule(() -> discard(old), 30, TimeUnit.SECONDS);
		}
	}

	private void discard(LuceneIndex index) {
		try {
			index.close();
			Path folder = this.root.resolve(index.folder);
			try (var files = Files.walk(folder)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Removing the replaced index folder {} failed: {}", index.folder, ex.getMessage());
		}
	}

	private Properties loadFolders() {
		Properties folders = new Properties();
		Path file = this.root.resolve(FOLDERS);
		if (Files.exists(file)) {
			try (var in = Files.newInputStream(file)) {
				folders.load(in);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read " + file, ex);
			}
		}
		return folders;
	}

	private void saveFolders() throws IOException {
		Files.createDirectories(this.root);
		Path partial = this.root.resolve(FOLDERS + ".partial");
		try (var out = Files.newOutputStream(partial)) {
			this.folders.store(out, "index name -> folder (a rebuilt index keeps its own folder)");
		}
		Files.move(partial, this.root.resolve(FOLDERS), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
				java.nio.file.StandardCopyOption.REPLACE_EXISTING);
	}

	@Override
	public synchronized boolean exists(String index) {
		if (this.indexes.containsKey(index)) {
			return true;
		}
		String folder = this.folders.getProperty(index);
		if (folder == null && this.folders.containsValue(index)) {
			// its default folder serves another name since a rebuild
			return false;
		}
		return Files.isDirectory(this.root.resolve((folder != null) ? folder : index));
	}

	// a name's folder: its own, unless a rebuild took that folder over for another name
	private synchronized String folderOf(String index) {
		String folder = this.folders.getProperty(index);
		if (folder != null) {
			return folder;
		}
		if (this.folders.containsValue(index)) {
			folder = index + "-" + Long.toHexString(System.nanoTime());
			this.folders.setProperty(index, folder);
			try {
				saveFolders();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return folder;
		}
		return index;
	}

	@Override
	public void upsert(String index, String id, Map<String, Object> document) {
		write(index, id, document(index, id, document));
	}

	// a document as indexed: its id, what its hit answers with, and its fields as its
	// index's schema says
	Document document(String index, String id, Map<String, Object> source) {
		IndexSchema schema = open(index).schema;
		Document doc = new Document();
		doc.add(new StringField(ID, id, Field.Store.NO));
		doc.add(StoredHits.field(id, this.json.writeValueAsBytes(source)));
		source.forEach((field, value) -> add(doc, schema, field, value));
		return doc;
	}

	void write(String index, String id, Document doc) {
		LuceneIndex target = open(index);
		try {
			target.writer.updateDocument(new Term(ID, id), target.facets.build(doc));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot index " + id + " in " + index, ex);
		}
	}

	private void add(Document doc, IndexSchema schema, String field, Object value) {
		List<String> strings = strings(value);
		if (schema.searchable().isEmpty()) {
			strings.forEach((text) -> doc.add(new Field(ALL_TEXT, text, TEXT)));
		}
		else if (schema.searchable().containsKey(field)) {
			strings.forEach((text) -> doc.add(new Field(field, text, TEXT)));
		}
		if (schema.filterable().contains(field)) {
			strings.forEach((text) -> doc.add(new StringField(field, text, Field.Store.NO)));
		}
		if (schema.facets().contains(field)) {
			strings.stream()
				.filter((text) -> !text.isEmpty())
				.forEach((text) -> doc.add(new SortedSetDocValuesFacetField(field, text)));
		}
		if (field.equals(schema.dateField()) && value instanceof String text) {
			try {
				long millis = Instant.parse(text).toEpochMilli();
				doc.add(new LongPoint(field, millis));
				doc.add(new NumericDocValuesField(field, millis));
			}
			catch (DateTimeParseException ex) {
				log.debug("Not a date in {}: {}", field, text);
			}
		}
	}

	private static List<String> strings(Object value) {
		if (value instanceof String text) {
			return List.of(text);
		}
		if (value instanceof Collection<?> values) {
			return values.stream().filter(String.class::isInstance).map(String.class::cast).toList();
		}
		return List.of();
	}

	@Override
	public void delete(String index, String id) {
		try {
			open(index).writer.deleteDocuments(new Term(ID, id));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot delete " + id + " from " + index, ex);
		}
	}

	@Override
	public void flush() {
		for (LuceneIndex index : this.indexes.values()) {
			try {
				if (index.writer.hasUncommittedChanges()) {
					index.writer.commit();
					// what is durable is also searchable
					index.searchers.maybeRefresh();
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot commit the index", ex);
			}
		}
	}

	// an NRT reader: the new segment is written but not synced to disk
	@Override
	public void refresh() {
		for (LuceneIndex index : this.indexes.values()) {
			try {
				index.searchers.maybeRefreshBlocking();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot refresh the index", ex);
			}
		}
	}

	@Override
	public SearchPage search(String index, SearchQuery query) {
		return this.admission.run(() -> searchNow(index, query));
	}

	private SearchPage searchNow(String index, SearchQuery query) {
		LuceneIndex target = open(index);
		IndexSchema schema = target.schema;
		Query lucene = toLucene(query, schema);
		try {
			IndexSearcher searcher = target.searchers.acquire();
			try {
				// rewritten once (typo-tolerant terms become the words they match) for
				// the search and the highlighter
				return search(searcher, target, searcher.rewrite(lucene), query);
			}
			finally {
				target.searchers.release(searcher);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Searching " + index + " failed", ex);
		}
	}

	private SearchPage search(IndexSearcher searcher, LuceneIndex target, Query lucene, SearchQuery query)
			throws IOException {
		IndexSchema schema = target.schema;
		int wanted = Math.max(1, query.offset() + query.limit());
		// Two passes. The page first, scored only as far as it takes: the collector may
		// skip documents that cannot reach it (MaxScore, see PageQuery), which a
		// collector that counts everything forbids. Then every match, unscored, counted
		// with its facet values; a query repeated often enough has its matches cached
		// (the searcher's query cache keeps unscored matches only).
		TopDocs top = (query.newestFirst() && schema.dateField() != null)
				? searcher.search(lucene, wanted,
						new Sort(new SortField(schema.dateField(), SortField.Type.LONG, true)))
				: searcher.search(PageQuery.of(lucene), wanted);
		FacetCounting.Counts counts = schema.facets().isEmpty()
				? new FacetCounting.Counts(searcher.count(lucene), Map.of())
				: searcher.search(lucene, new FacetCounting(List.copyOf(schema.facets()), 20, target::facetOrdinals));
		List<ScoreDoc> page = new ArrayList<>();
		for (int i = query.offset(); i < Math.min(top.scoreDocs.length, wanted); i++) {
			page.add(top.scoreDocs[i]);
		}
		// each hit's source is read once, for the answer and for its highlights (the
		// highlighted fields are not kept apart: the text kept twice doubled the reads)
		Map<Integer, StoredHit> loaded = StoredHits.read(searcher, page.stream().mapToInt((hit) -> hit.doc).toArray(),
				this.json);
		Map<String, String[]> snippets = highlights(searcher, schema, lucene, query, page, loaded);
		List<SearchPage.Hit> hits = new ArrayList<>();
		for (int i = 0; i < page.size(); i++) {
			ScoreDoc hit = page.get(i);
			StoredHit stored = loaded.get(hit.doc);
			Map<String, String> highlights = new LinkedHashMap<>();
			for (Map.Entry<String, String[]> field : snippets.entrySet()) {
				String snippet = field.getValue()[i];
				if (snippet != null && snippet.contains("<mark>")) {
					highlights.put(field.getKey(), snippet);
				}
			}
			hits.add(new SearchPage.Hit(stored.id(), Float.isNaN(hit.score) ? 0 : hit.score, stored.source(),
					highlights));
		}
		return new SearchPage(counts.total(), hits, counts.facets());
	}

	private Map<String, String[]> highlights(IndexSearcher searcher, IndexSchema schema, Query lucene,
			SearchQuery query, List<ScoreDoc> page, Map<Integer, StoredHit> loaded) throws IOException {
		if (page.isEmpty() || query.matchesAll() || schema.highlighted().isEmpty()) {
			return Map.of();
		}
		UnifiedHighlighter.Builder builder = UnifiedHighlighter.builder(searcher, this.analyzer)
			.withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", "… ", true))
			.withHandleMultiTermQuery(false)
			.withHighlightPhrasesStrictly(true)
			.withScorer(PASSAGES)
			// passages of about 40 words, like Meilisearch's crop, whatever the length of
			// the sentence around a match
			.withBreakIterator(
					() -> LengthGoalBreakIterator.createClosestToLength(new WordBreaks(), PASSAGE_LENGTH, 0.5f));
		UnifiedHighlighter highlighter = new UnifiedHighlighter(builder) {
			// highlighted fields are indexed with offsets; asking the index merged every
			// segment's field infos for every search
			@Override
			protected OffsetSource getOffsetSource(String field) {
				return OffsetSource.POSTINGS;
			}

			@Override
			protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator docs, int threshold)
					throws IOException {
				List<CharSequence[]> values = new ArrayList<>();
				for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
					StoredHit stored = loaded.get(doc);
					CharSequence[] texts = new CharSequence[fields.length];
					for (int i = 0; i < fields.length; i++) {
						// the values as they were indexed, so that their offsets match
						texts[i] = (stored != null) ? String.join(String.valueOf(MULTIVAL_SEP_CHAR),
								strings(stored.source().get(fields[i]))) : "";
					}
					values.add(texts);
				}
				return values;
			}
		};
		String[] fields = schema.highlighted().toArray(String[]::new);
		int[] passages = new int[fields.length];
		java.util.Arrays.fill(passages, 2);
		int[] docs = page.stream().mapToInt((hit) -> hit.doc).toArray();
		// the query comes rewritten: typo-tolerant terms are the words they matched,
		// marked like any word (matching automata per document is 20x slower)
		return highlighter.highlightFields(fields, lucene, docs, passages);
	}

	private Query toLucene(SearchQuery query, IndexSchema schema) {
		Map<String, Float> fields = schema.searchable().isEmpty() ? Map.of(ALL_TEXT, 1f) : schema.searchable();
		BooleanQuery.Builder builder = new BooleanQuery.Builder();
		if (query.matchesAll()) {
			builder.add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
		}
		for (String term : query.terms()) {
			for (String token : tokens(term)) {
				BooleanQuery.Builder anyField = new BooleanQuery.Builder();
				fields.forEach((field, weight) -> {
					anyField.add(new BoostQuery(new TermQuery(new Term(field, token)), weight * 2),
							BooleanClause.Occur.SHOULD);
					// Meilisearch's defaults (minWordSizeForTypos 5 and 9), so both
					// engines forgive the same typos; two edits make an automaton about
					// ten times as costly to build as one
					int edits = (token.length() < 5) ? 0 : (token.length() < 9) ? 1 : 2;
					// prose forgives typos; labels (tags, categories, names) do not
					if (edits > 0 && (schema.highlighted().isEmpty() || schema.highlighted().contains(field))) {
						anyField.add(new BoostQuery(new TypoTolerantQuery(field, token, edits), weight),
								BooleanClause.Occur.SHOULD);
					}
				});
				builder.add(anyField.build(), BooleanClause.Occur.MUST);
			}
		}
		for (String phrase : query.phrases()) {
			List<String> tokens = tokens(phrase);
			if (tokens.isEmpty()) {
				continue;
			}
			BooleanQuery.Builder anyField = new BooleanQuery.Builder();
			fields.forEach((field, weight) -> anyField.add(
					new BoostQuery(new PhraseQuery(field, tokens.toArray(String[]::new)), weight * 3),
					BooleanClause.Occur.SHOULD));
			builder.add(anyField.build(), BooleanClause.Occur.MUST);
		}
		query.filters().forEach((field, values) -> {
			BooleanQuery.Builder anyValue = new BooleanQuery.Builder();
			values.forEach((value) -> anyValue.add(new TermQuery(new Term(field, value)), BooleanClause.Occur.SHOULD));
			builder.add(anyValue.build(), BooleanClause.Occur.FILTER);
		});
		if (schema.dateField() != null && (query.from() != null || query.to() != null)) {
			long from = (query.from() != null) ? query.from().toEpochMilli() : Long.MIN_VALUE;
			long to = (query.to() != null) ? query.to().toEpochMilli() : Long.MAX_VALUE;
			builder.add(LongPoint.newRangeQuery(schema.dateField(), from, to), BooleanClause.Occur.FILTER);
		}
		return builder.build();
	}

	// the terms the index holds for some text: lower-cased, stemmed, stop words removed
	private List<String> tokens(String text) {
		List<String> tokens = new ArrayList<>();
		try (TokenStream stream = this.analyzer.tokenStream(ALL_TEXT, text)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				tokens.add(term.toString());
			}
			stream.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return tokens;
	}

	@Override
	public long count(String index) {
		LuceneIndex target = open(index);
		try {
			IndexSearcher searcher = target.searchers.acquire();
			try {
				return searcher.getIndexReader().numDocs();
			}
			finally {
				target.searchers.release(searcher);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Makes every write so far searchable now rather than at the next refresh.
	 */
	public void refreshAll() {
		for (LuceneIndex index : this.indexes.values()) {
			try {
				index.searchers.maybeRefresh();
			}
			catch (IOException | RuntimeException ex) {
				log.warn("Refreshing an index failed: {}", ex.getMessage());
			}
		}
	}

	private void commitQuietly() {
		try {
			flush();
		}
		catch (RuntimeException ex) {
			log.warn("Committing the indexes failed, trying again shortly: {}", ex.getMessage());
		}
	}

	// an index from an earlier run is opened as a generic one unless its owner opened it
	private LuceneIndex open(String index) {
		LuceneIndex open = this.indexes.get(index);
		if (open == null) {
			ensureIndex(index, IndexSchema.GENERIC);
			open = this.indexes.get(index);
		}
		return open;
	}

	@Override
	public void close() throws IOException {
		destroy();
	}

	@Override
	public void destroy() throws IOException {
		this.maintenance.shutdownNow();
		for (LuceneIndex index : this.indexes.values()) {
			index.close();
		}
		this.indexes.clear();
	}

	private static FieldType textType() {
		FieldType type = new FieldType();
		type.setTokenized(true);
		type.setStored(false);
		type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
		type.freeze();
		return type;
	}

	private static Analyzer analyzer(String language) {
		return switch (language) {
			case "german" -> new GermanAnalyzer();
			case "french" -> new FrenchAnalyzer();
			case "spanish" -> new SpanishAnalyzer();
			case "standard" -> new StandardAnalyzer();
			default -> new EnglishAnalyzer();
		};
	}

}
