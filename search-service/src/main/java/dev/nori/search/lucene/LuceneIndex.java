package dev.nori.search.lucene;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.nori.search.engine.IndexSchema;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.NRTCachingDirectory;

/**
 * One open index: its writer, the searchers that see its writes after a refresh, and its
 * schema.
 */
final class LuceneIndex implements AutoCloseable {

	final IndexSchema schema;

	final FacetsConfig facets = new FacetsConfig();

	final IndexWriter writer;

	final SearcherManager searchers;

	/** The folder, under the engine's directory, that holds it. */
	final String folder;

	private final Directory directory;

	LuceneIndex(Path path, IndexSchema schema, Analyzer analyzer) throws IOException {
		this.folder = path.getFileName().toString();
		this.schema = schema;
		schema.facets().forEach((field) -> this.facets.setMultiValued(field, true));
		// segments flushed for a refresh stay in memory until a commit or a merge writes
		// them out: the consumer refreshes after every batch
		this.directory = new NRTCachingDirectory(FSDirectory.open(path), 5.0, 64.0);
		IndexWriterConfig config = new IndexWriterConfig(analyzer);
		config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
		config.setRAMBufferSizeMB(64);
		// a refresh or commit does not wait (500 ms at most by default) for the small
		// segments it flushed to be merged: merges run in the background
		config.setMaxFullFlushMergeWaitMillis(0);
		this.writer = new IndexWriter(this.directory, config);
		this.searchers = new SearcherManager(this.writer, null);
	}

	private final Map<IndexReader.CacheKey, FacetOrdinals> facetOrdinals = new ConcurrentHashMap<>();

	/**
	 * Returns a segment's facet values, read once per segment and dropped when the
	 * segment is closed.
	 */
	FacetOrdinals facetOrdinals(LeafReaderContext segment) throws IOException {
		IndexReader.CacheHelper cache = segment.reader().getCoreCacheHelper();
		if (cache == null) {
			return FacetOrdinals.read(segment.reader());
		}
		FacetOrdinals known = this.facetOrdinals.get(cache.getKey());
		if (known != null) {
			return known;
		}
		FacetOrdinals read = FacetOrdinals.read(segment.reader());
		if (this.facetOrdinals.putIfAbsent(cache.getKey(), read) == null) {
			cache.addClosedListener(this.facetOrdinals::remove);
		}
		return read;
	}

	@Override
	public void close() throws IOException {
		this.searchers.close();
		this.writer.commit();
		this.writer.close();
		this.directory.close();
	}

}
