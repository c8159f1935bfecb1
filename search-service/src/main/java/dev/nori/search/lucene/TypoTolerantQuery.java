package dev.nori.search.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.AttributeSource;
import org.apache.lucene.util.automaton.CompiledAutomaton;

/**
 * The words of one field within a few edits of a query word, like {@link FuzzyQuery}
 * (prefix of one letter, transpositions count as one edit, the 50 most frequent matches
 * kept), but with its Levenshtein automaton built once per word and edit count and kept:
 * a fuzzy query builds its automata on every rewrite and for every field, which was 40 %
 * of a search's CPU in the search benchmark. The automaton depends on the word alone,
 * never on the index, so a kept one is never stale.
 * <p>
 * What a word expands to (the terms, their statistics) depends on the index, and is kept
 * for as long as the reader it was read from serves searches: finding the terms and
 * seeking each in every segment was a tenth of a search's CPU, repeated for every search
 * of the same word. A refresh opens a new reader, whose searches expand the word anew.
 * The automaton is looked up only when a word is expanded: words whose expansion is kept
 * need none (building them again, where the kept automata did not hold a rare word, was 8
 * % of search CPU).
 */
final class TypoTolerantQuery extends MultiTermQuery {

	private static final int PREFIX_LENGTH = 1;

	private static final int MAX_EXPANSIONS = 50;

	private static final Cache<Key, CompiledAutomaton> AUTOMATA = Caffeine.newBuilder()
		.maximumWeight(64L * 1024 * 1024)
		.weigher((Key key, CompiledAutomaton automaton) -> (int) Math.min(Integer.MAX_VALUE, automaton.ramBytesUsed()))
		.build();

	private static final MultiTermQuery.RewriteMethod TOP_TERMS = new MultiTermQuery.TopTermsBlendedFreqScoringRewrite(
			MAX_EXPANSIONS);

	// per open reader, dropped when it closes; a reader serving long keeps its most used
	private static final Map<IndexReader.CacheKey, Cache<TypoTolerantQuery, Query>> EXPANSIONS = new ConcurrentHashMap<>();

	// An expansion holds, for each of its terms, a slot per segment and the term's state
	// in each segment that has it: about 100 bytes per term and segment at most, so at
	// most about 50 MB per reader. Counting words instead let a reader keep 10,000 of
	// them whatever each expanded to (up to 50 terms, in every segment).
	private static final long KEPT_TERM_STATES = 500_000;

	private final String word;

	private final int edits;

	TypoTolerantQuery(String field, String word, int edits) {
		super(field, new KeptExpansions());
		this.word = word;
		this.edits = edits;
	}

	private CompiledAutomaton automaton() {
		return AUTOMATA.get(new Key(this.word, this.edits),
				(key) -> FuzzyQuery.getFuzzyAutomaton(key.word(), key.edits(), PREFIX_LENGTH, true));
	}

	@Override
	protected TermsEnum getTermsEnum(Terms terms, AttributeSource atts) throws IOException {
		return automaton().getTermsEnum(terms);
	}

	@Override
	public void visit(QueryVisitor visitor) {
		if (visitor.acceptField(this.field)) {
			CompiledAutomaton automaton = automaton();
			if (automaton.runAutomaton != null) {
				visitor.consumeTermsMatching(this, this.field, () -> automaton.runAutomaton);
			}
		}
	}

	@Override
	public String toString(String defaultField) {
		return this.field + ":" + this.word + "~" + this.edits;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof TypoTolerantQuery query && query.field.equals(this.field)
				&& query.word.equals(this.word) && query.edits == this.edits;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.field, this.word, this.edits);
	}

	private record Key(String word, int edits) {
	}

	/**
	 * What a kept expansion weighs: its terms times the reader's segments.
	 * @param expansion the rewritten query
	 * @param segments the reader's segments
	 * @return its weight, at least one
	 */
	static int weight(Query expansion, int segments) {
		int[] terms = { 0 };
		expansion.visit(new QueryVisitor() {
			@Override
			public void consumeTerms(Query query, Term... matched) {
				terms[0] += matched.length;
			}

			@Override
			public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
				return this;
			}
		});
		return (int) Math.min(Integer.MAX_VALUE, Math.max(1L, (long) terms[0] * Math.max(1, segments)));
	}

	/**
	 * Tells whether the automaton of a word is kept.
	 * @param word the word
	 * @param edits its edit distance
	 * @return whether an expansion of the word built it and it is still kept
	 */
	static boolean keepsAutomatonOf(String word, int edits) {
		return AUTOMATA.getIfPresent(new Key(word, edits)) != null;
	}

	/**
	 * Tells whether expansions read from a reader are kept.
	 * @param reader the reader
	 * @return whether searches on it have kept what their words expand to
	 */
	static boolean keepsExpansionsOf(IndexReader reader) {
		IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
		return helper != null && EXPANSIONS.containsKey(helper.getKey());
	}

	// the top-terms rewrite, kept per reader and rewritten to the end, so that a kept
	// query is what the searcher would have made of it
	private static final class KeptExpansions extends MultiTermQuery.RewriteMethod {

		@Override
		public Query rewrite(IndexSearcher searcher, MultiTermQuery query) throws IOException {
			IndexReader.CacheHelper reader = searcher.getIndexReader().getReaderCacheHelper();
			if (reader == null) {
				return TOP_TERMS.rewrite(searcher, query);
			}
			Cache<TypoTolerantQuery, Query> expansions = EXPANSIONS.computeIfAbsent(reader.getKey(), (key) -> {
				reader.addClosedListener(EXPANSIONS::remove);
				int segments = searcher.getIndexReader().leaves().size();
				return Caffeine.newBuilder()
					.maximumWeight(KEPT_TERM_STATES)
					.weigher((TypoTolerantQuery word, Query expansion) -> weight(expansion, segments))
					.build();
			});
			try {
				return expansions.get((TypoTolerantQuery) query, (word) -> {
					try {
						return searcher.rewrite(TOP_TERMS.rewrite(searcher, word));
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				});
			}
			catch (UncheckedIOException ex) {
				throw ex.getCause();
			}
		}

	}

}
