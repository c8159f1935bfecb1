package dev.nori.search.lucene;

import java.io.IOException;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MultiTermQuery;
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
 */
final class TypoTolerantQuery extends MultiTermQuery {

	private static final int PREFIX_LENGTH = 1;

	private static final int MAX_EXPANSIONS = 50;

	private static final Cache<Key, CompiledAutomaton> AUTOMATA = Caffeine.newBuilder()
		.maximumWeight(64L * 1024 * 1024)
		.weigher((Key key, CompiledAutomaton automaton) -> (int) Math.min(Integer.MAX_VALUE, automaton.ramBytesUsed()))
		.build();

	private final String word;

	private final int edits;

	private final CompiledAutomaton automaton;

	TypoTolerantQuery(String field, String word, int edits) {
		super(field, new MultiTermQuery.TopTermsBlendedFreqScoringRewrite(MAX_EXPANSIONS));
		this.word = word;
		this.edits = edits;
		this.automaton = AUTOMATA.get(new Key(word, edits),
				(key) -> FuzzyQuery.getFuzzyAutomaton(key.word(), key.edits(), PREFIX_LENGTH, true));
	}

	@Override
	protected TermsEnum getTermsEnum(Terms terms, AttributeSource atts) throws IOException {
		return this.automaton.getTermsEnum(terms);
	}

	@Override
	public void visit(QueryVisitor visitor) {
		if (visitor.acceptField(this.field) && this.automaton.runAutomaton != null) {
			visitor.consumeTermsMatching(this, this.field, () -> this.automaton.runAutomaton);
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

}
