package dev.nori.search.lucene;

import java.io.IOException;
import java.util.Arrays;

import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.DocIdSetIterator;

/**
 * One segment's facet values per document, read once from its doc values into arrays.
 * Counting a query's facets from doc values decoded every match's values through the
 * codec: a fifth of a search's CPU in the search benchmark, where common words match most
 * documents. A segment never changes, so its table is made once and kept until the
 * segment is closed; it costs an int per document and one per value.
 */
final class FacetOrdinals {

	/**
	 * Where each document's values start in {@link #ordinals}; one more than documents.
	 */
	private final int[] starts;

	private final int[] ordinals;

	/** Per ordinal, its facet field. */
	final String[] fields;

	/** Per ordinal, its value. */
	final String[] values;

	private FacetOrdinals(int[] starts, int[] ordinals, String[] fields, String[] values) {
		this.starts = starts;
		this.ordinals = ordinals;
		this.fields = fields;
		this.values = values;
	}

	static FacetOrdinals read(LeafReader reader) throws IOException {
		SortedSetDocValues docValues = DocValues.getSortedSet(reader, FacetsConfig.DEFAULT_INDEX_FIELD_NAME);
		int valueCount = (int) docValues.getValueCount();
		String[] fields = new String[valueCount];
		String[] values = new String[valueCount];
		for (int ord = 0; ord < valueCount; ord++) {
			String[] path = FacetsConfig.stringToPath(docValues.lookupOrd(ord).utf8ToString());
			// a value of a facet field is its field and the value; anything else (a
			// dimension's own entry) is not counted
			if (path.length == 2) {
				fields[ord] = path[0];
				values[ord] = path[1];
			}
		}
		int[] starts = new int[reader.maxDoc() + 1];
		int[] ordinals = new int[Math.max(16, reader.maxDoc())];
		int size = 0;
		int next = 0;
		for (int doc = docValues.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docValues.nextDoc()) {
			Arrays.fill(starts, next, doc + 1, size);
			next = doc + 1;
			int count = docValues.docValueCount();
			if (size + count > ordinals.length) {
				ordinals = Arrays.copyOf(ordinals, Math.max(size + count, ordinals.length * 2));
			}
			for (int i = 0; i < count; i++) {
				ordinals[size++] = (int) docValues.nextOrd();
			}
		}
		Arrays.fill(starts, next, starts.length, size);
		return new FacetOrdinals(starts, Arrays.copyOf(ordinals, size), fields, values);
	}

	/**
	 * Adds one document's values to counts per ordinal.
	 */
	void count(int doc, int[] counts) {
		for (int i = this.starts[doc], end = this.starts[doc + 1]; i < end; i++) {
			counts[this.ordinals[i]]++;
		}
	}

	int valueCount() {
		return this.values.length;
	}

}
