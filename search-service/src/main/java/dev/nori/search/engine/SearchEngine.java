package dev.nori.search.engine;

import java.util.Map;

/**
 * A full-text engine behind the search API. Writes become searchable within a second;
 * every method may be called from several threads.
 */
public interface SearchEngine {

	/**
	 * Returns the name configuration picks this engine by.
	 * @return for example {@code lucene}
	 */
	String name();

	/**
	 * Makes sure an index exists with a schema.
	 * @param index the index name
	 * @param schema how its fields are treated
	 */
	void ensureIndex(String index, IndexSchema schema);

	/**
	 * Tells whether an index exists (written to since it was created, in this run or an
	 * earlier one).
	 * @param index the index name
	 * @return whether it exists
	 */
	boolean exists(String index);

	/**
	 * Adds a document or replaces the one with its id.
	 * @param index the index
	 * @param id the document's id
	 * @param document its fields: strings, lists of strings, numbers, booleans
	 */
	void upsert(String index, String id, Map<String, Object> document);

	/**
	 * Removes a document, if it is there.
	 * @param index the index
	 * @param id the document's id
	 */
	void delete(String index, String id);

	/**
	 * Puts a rebuilt index in place of another in one step: from then on, searches and
	 * writes of {@code index} see what {@code replacement} holds, and {@code replacement}
	 * is gone. Searches running meanwhile finish on the old contents.
	 * @param index the index to replace
	 * @param replacement the rebuilt index
	 */
	void replace(String index, String replacement);

	/**
	 * Makes every write so far durable (it survives a crash of the process).
	 */
	void flush();

	/**
	 * Makes every write so far searchable now, durable or not yet; engines that cannot
	 * tell the two apart flush.
	 */
	default void refresh() {
		flush();
	}

	/**
	 * Finds documents.
	 * @param index the index
	 * @param query the query
	 * @return one page of matches, with facet counts for the schema's facets
	 */
	SearchPage search(String index, SearchQuery query);

	/**
	 * Counts an index's documents.
	 * @param index the index
	 * @return how many it holds
	 */
	long count(String index);

}
