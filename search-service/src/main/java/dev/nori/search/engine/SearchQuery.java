package dev.nori.search.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A query, checked and parsed: the words and phrases to find, the filters, the order and
 * the page.
 *
 * @param terms single words, each of which must match (typos tolerated)
 * @param phrases quoted phrases, each of which must match exactly
 * @param filters keyword field → accepted values (any of them)
 * @param from the earliest date, inclusive
 * @param to the latest date, inclusive
 * @param newestFirst order by date instead of relevance
 * @param offset matches to skip
 * @param limit matches to return
 */
public record SearchQuery(List<String> terms, List<String> phrases, Map<String, List<String>> filters,
		@Nullable Instant from, @Nullable Instant to, boolean newestFirst, int offset, int limit) {

	/**
	 * Tells whether the query has nothing to find (it then matches every document).
	 * @return whether it has no words or phrases
	 */
	public boolean matchesAll() {
		return this.terms.isEmpty() && this.phrases.isEmpty();
	}

}
