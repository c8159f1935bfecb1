package dev.nori.search.lucene;

import java.io.IOException;
import java.nio.file.Path;

import dev.nori.search.engine.IndexSchema;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.NRTCachingDirectory;
import org.jspecify.annotations.Nullable;

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

	// building it maps every facet value of the reader: once per refreshed reader,
	// not per query
	private volatile @Nullable FacetState facetState;

	/**
	 * Returns the facet state of a reader, made once per reader.
	 * @return the state, or {@code null} while no document has a facet value
	 */
	@Nullable DefaultSortedSetDocValuesReaderState facetState(IndexReader reader) throws IOException {
		FacetState cached = this.facetState;
		if (cached != null && cached.reader() == reader) {
			return cached.state();
		}
		DefaultSortedSetDocValuesReaderState state;
		try {
			state = new DefaultSortedSetDocValuesReaderState(reader, this.facets);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		this.facetState = new FacetState(reader, state);
		return state;
	}

	private record FacetState(IndexReader reader, DefaultSortedSetDocValuesReaderState state) {
	}

	@Override
	public void close() throws IOException {
		this.searchers.close();
		this.writer.commit();
		this.writer.close();
		this.directory.close();
	}

}
