package dev.nori.search.engine;

import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * How an index treats its documents' fields, whatever the engine.
 *
 * @param searchable full-text fields and their weights; empty means every string field
 * counts, with weight 1 (generic indexes)
 * @param filterable keyword fields a query may filter on (exact values)
 * @param facets keyword fields whose values are counted for the matches
 * @param highlighted full-text fields returned with highlighted snippets
 * @param dateField the field that date ranges and the {@code newest} sort use, if any
 */
public record IndexSchema(Map<String, Float> searchable, Set<String> filterable, Set<String> facets,
		Set<String> highlighted, @Nullable String dateField) {

	/** The schema of generic indexes: every string field searchable, nothing else. */
	public static final IndexSchema GENERIC = new IndexSchema(Map.of(), Set.of(), Set.of(), Set.of(), null);

}
