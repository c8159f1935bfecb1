package dev.nori.search.lucene;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.BytesRef;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a hit answers with, its id and source, kept as one binary doc value per document.
 * Stored fields are compressed in blocks of many documents: reading one hit decompressed
 * its whole block, a fifth of a search's CPU in the search benchmark. A doc value is read
 * in place, at the cost of an uncompressed copy of each source on disk.
 * <p>
 * Documents indexed before hits had doc values keep their id and source in stored fields
 * ({@code _id}, {@code _source}), and are read from there until they are written again.
 */
final class StoredHits {

	static final String FIELD = "_hit";

	// where documents indexed before kept them
	private static final String STORED_ID = "_id";

	private static final String STORED_SOURCE = "_source";

	private static final Set<String> STORED = Set.of(STORED_ID, STORED_SOURCE);

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private StoredHits() {
	}

	/**
	 * The doc value of a document: its id's length (four bytes), its id and its source.
	 */
	static BinaryDocValuesField field(String id, byte[] source) {
		byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
		ByteBuffer value = ByteBuffer.allocate(Integer.BYTES + idBytes.length + source.length);
		value.putInt(idBytes.length).put(idBytes).put(source);
		return new BinaryDocValuesField(FIELD, new BytesRef(value.array()));
	}

	/**
	 * Reads the hits of a page.
	 * @param searcher the searcher that found them
	 * @param docs their documents, in any order
	 * @param json how sources are parsed
	 * @return per document, its id and source
	 */
	static Map<Integer, StoredHit> read(IndexSearcher searcher, int[] docs, JsonMapper json) throws IOException {
		// a doc values iterator only moves forward
		int[] ordered = docs.clone();
		Arrays.sort(ordered);
		List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
		Map<Integer, StoredHit> hits = new HashMap<>();
		StoredFields stored = null;
		LeafReaderContext leaf = null;
		BinaryDocValues values = null;
		for (int doc : ordered) {
			if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
				leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
				values = leaf.reader().getBinaryDocValues(FIELD);
			}
			if (values != null && values.advanceExact(doc - leaf.docBase)) {
				BytesRef value = values.binaryValue();
				int idStart = value.offset + Integer.BYTES;
				int idLength = ByteBuffer.wrap(value.bytes, value.offset, Integer.BYTES).getInt();
				int sourceStart = idStart + idLength;
				String id = new String(value.bytes, idStart, idLength, StandardCharsets.UTF_8);
				hits.put(doc, new StoredHit(id,
						json.readValue(value.bytes, sourceStart, value.offset + value.length - sourceStart, MAP)));
			}
			else {
				if (stored == null) {
					stored = searcher.storedFields();
				}
				Document document = stored.document(doc, STORED);
				hits.put(doc, new StoredHit(document.get(STORED_ID), json.readValue(document.get(STORED_SOURCE), MAP)));
			}
		}
		return hits;
	}

	/**
	 * A hit's id and source.
	 */
	record StoredHit(String id, Map<String, Object> source) {
	}

}
