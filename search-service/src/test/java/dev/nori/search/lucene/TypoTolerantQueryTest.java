package dev.nori.search.lucene;

import java.io.IOException;

import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a word expands to, kept while the reader it was read from is open.
 */
class TypoTolerantQueryTest {

	@Test
	void anExpansionIsKeptForItsReaderAndReadAnewFromTheNext() throws IOException {
		try (Directory directory = new ByteBuffersDirectory();
				IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()))) {
			add(writer, "search engines");
			DirectoryReader first = DirectoryReader.open(writer);
			IndexSearcher searcher = new IndexSearcher(first);
			Query expanded = searcher.rewrite(new TypoTolerantQuery("body", "serch", 1));
			assertThat(expanded.toString()).contains("body:search");
			// the same word in another search on the same reader: the kept expansion
			assertThat(searcher.rewrite(new TypoTolerantQuery("body", "serch", 1))).isSameAs(expanded);
			assertThat(TypoTolerantQuery.keepsExpansionsOf(first)).isTrue();

			add(writer, "a starch and a sarch");
			DirectoryReader second = DirectoryReader.openIfChanged(first, writer);
			Query reexpanded = new IndexSearcher(second).rewrite(new TypoTolerantQuery("body", "serch", 1));
			assertThat(reexpanded.toString()).contains("body:search").contains("body:sarch");
			assertThat(searcher.rewrite(new TypoTolerantQuery("body", "serch", 1))).isSameAs(expanded);

			first.close();
			assertThat(TypoTolerantQuery.keepsExpansionsOf(first)).isFalse();
			assertThat(TypoTolerantQuery.keepsExpansionsOf(second)).isTrue();
			second.close();
			assertThat(TypoTolerantQuery.keepsExpansionsOf(second)).isFalse();
		}
	}

	@Test
	void aWordBuildsItsAutomatonOnlyWhenItIsExpanded() throws IOException {
		try (Directory directory = new ByteBuffersDirectory();
				IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()));
				DirectoryReader reader = open(writer, "walruses bask")) {
			TypoTolerantQuery query = new TypoTolerantQuery("body", "walrusez", 1);
			assertThat(TypoTolerantQuery.keepsAutomatonOf("walrusez", 1)).isFalse();
			assertThat(new IndexSearcher(reader).rewrite(query).toString()).contains("body:walruses");
			assertThat(TypoTolerantQuery.keepsAutomatonOf("walrusez", 1)).isTrue();
		}
	}

	@Test
	void aKeptExpansionWeighsItsTermsTimesTheReadersSegments() throws IOException {
		try (Directory directory = new ByteBuffersDirectory();
				IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()))) {
			add(writer, "search");
			writer.commit();
			try (DirectoryReader reader = open(writer, "sarch")) {
				assertThat(reader.leaves()).hasSize(2);
				Query expanded = new IndexSearcher(reader).rewrite(new TypoTolerantQuery("body", "serch", 1));
				assertThat(expanded.toString()).contains("body:search").contains("body:sarch");
				assertThat(TypoTolerantQuery.weight(expanded, reader.leaves().size())).isEqualTo(4);
				assertThat(TypoTolerantQuery.weight(new BooleanQuery.Builder().build(), 3)).isEqualTo(1);
			}
		}
	}

	private static DirectoryReader open(IndexWriter writer, String body) throws IOException {
		add(writer, body);
		return DirectoryReader.open(writer);
	}

	private static void add(IndexWriter writer, String body) throws IOException {
		Document document = new Document();
		document.add(new TextField("body", body, Field.Store.NO));
		writer.addDocument(document);
	}

}
