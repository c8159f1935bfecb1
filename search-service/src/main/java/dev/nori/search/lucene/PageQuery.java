package dev.nori.search.lucene;

import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;

/**
 * A search's query reshaped for scoring its page: the same matches and the same scores,
 * in a form that lets Lucene skip the documents that cannot reach the page.
 * <p>
 * A search asks for every word, each in any field: a conjunction of disjunctions. Lucene
 * scores that by visiting every document that has all the words, and a word found in
 * nearly every body is scored in nearly every document, though its weight there is close
 * to nothing. Reshaped, each disjunction becomes a filter and its clauses are summed as
 * one flat disjunction that must match once, which Lucene runs with MaxScore: clauses too
 * light to lift a document into the page (the common word in the body) are only looked up
 * for documents that a heavy clause (a word in the title) brought in. A document that
 * passes the filters matches at least one of the clauses, and its score is the sum of the
 * clauses it matches, as before; only the order of that sum may differ.
 */
final class PageQuery {

	private PageQuery() {
	}

	/**
	 * Reshapes a rewritten search query for its page.
	 * @param query the query as the engine built and the searcher rewrote it
	 * @return the reshaped query, or the query itself where it has another shape
	 */
	static Query of(Query query) {
		if (!(query instanceof BooleanQuery search)) {
			return query;
		}
		BooleanQuery.Builder page = new BooleanQuery.Builder();
		int scoring = 0;
		for (BooleanClause clause : search.clauses()) {
			switch (clause.occur()) {
				case MUST -> {
					if (!(clause.query() instanceof BooleanQuery anyField) || !isPlainDisjunction(anyField)) {
						return query;
					}
					page.add(anyField, Occur.FILTER);
					for (BooleanClause field : anyField.clauses()) {
						page.add(field.query(), Occur.SHOULD);
						scoring++;
					}
				}
				case FILTER, MUST_NOT -> page.add(clause);
				// optional clauses of their own would no longer be told apart
				case SHOULD -> {
					return query;
				}
			}
		}
		// a single scoring clause gains nothing from the reshaping
		return (scoring < 2) ? query : page.setMinimumNumberShouldMatch(1).build();
	}

	private static boolean isPlainDisjunction(BooleanQuery query) {
		return query.getMinimumNumberShouldMatch() == 0
				&& query.clauses().stream().allMatch((clause) -> clause.occur() == Occur.SHOULD);
	}

}
