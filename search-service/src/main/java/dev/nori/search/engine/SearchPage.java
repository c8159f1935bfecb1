package dev.nori.search.engine;

import java.util.List;
import java.util.Map;

/**
 * One page of matches, in the same shape whatever the engine.
 *
 * @param total how many documents match in all
 * @param hits the page's matches, best (or newest) first
 * @param facets per facet field, each value and how many matches hold it (most first)
 */
public record SearchPage(long total, List<Hit> hits, Map<String, Map<String, Long>> facets) {

	/**
	 * One match.
	 *
	 * @param id the document's id
	 * @param score its relevance (0 when sorted by date)
	 * @param document the document as it was indexed
	 * @param highlights per highlighted field, snippets with the matches in
	 * {@code <mark>} (the text around them HTML-escaped)
	 */
	public record Hit(String id, float score, Map<String, Object> document, Map<String, String> highlights) {
	}

}
