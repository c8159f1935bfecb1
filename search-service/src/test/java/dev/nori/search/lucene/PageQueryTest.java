package dev.nori.search.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The page query against the query it reshapes, on an index where a few words are in
 * nearly every document, as in natural language, so that Lucene does skip.
 */
class PageQueryTest {

	private static final int PAGE = 20;

	private static final String[] WORDS = vocabulary(400);

	private static Directory directory;

	private static DirectoryReader reader;

	private static IndexSearcher searcher;

	@BeforeAll
	static void index() throws IOException {
		directory = new ByteBuffersDirectory();
		Random random = new Random(7);
		try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()))) {
			for (int i = 0; i < 8000; i++) {
				Document document = new Document();
				document.add(new TextField("title", words(random, 3), Field.Store.NO));
				document.add(new TextField("body", words(random, 60), Field.Store.NO));
				document.add(new StringField("tag", "tag" + random.nextInt(4), Field.Store.NO));
				writer.addDocument(document);
				// several segments, as an index that takes writes has
				if (i % 2000 == 1999) {
					writer.commit();
				}
			}
		}
		reader = DirectoryReader.open(directory);
		searcher = new IndexSearcher(reader);
	}

	@AfterAll
	static void close() throws IOException {
		reader.close();
		directory.close();
	}

	@Test
	void everyPageHoldsTheSameDocumentsWithTheSameScores() throws IOException {
		Random random = new Random(11);
		int reshaped = 0;
		int skipped = 0;
		for (int i = 0; i < 300; i++) {
			Query query = searcher.rewrite(search(random));
			Query page = PageQuery.of(query);
			if (page != query) {
				reshaped++;
			}
			TopDocs expected = searcher.search(query, PAGE);
			TopDocs actual = searcher.search(page, PAGE);
			assertThat(searcher.count(page)).as("matches of %s", query).isEqualTo(searcher.count(query));
			assertSamePage(query, expected, actual);
			if (actual.totalHits.value() < expected.totalHits.value()) {
				skipped++;
			}
		}
		// a search for one word is rewritten to a plain disjunction, which Lucene already
		// runs with MaxScore; searches for two and three words are reshaped
		assertThat(reshaped).as("queries reshaped").isGreaterThan(150);
		// the page collector counted fewer documents: the reshaped query skipped some
		assertThat(skipped).as("pages that skipped documents").isGreaterThan(20);
	}

	@Test
	void aQueryOfAnotherShapeIsLeftAsItIs() {
		Query matchAll = new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.MUST)
			.add(new TermQuery(new Term("tag", "tag1")), Occur.FILTER)
			.build();
		Query oneClause = new BooleanQuery.Builder().add(anyField("alpha", false), Occur.MUST).build();
		Query optional = new BooleanQuery.Builder().add(anyField(WORDS[0], true), Occur.MUST)
			.add(new TermQuery(new Term("title", WORDS[1])), Occur.SHOULD)
			.build();
		Query term = new TermQuery(new Term("body", WORDS[0]));
		assertThat(List.of(matchAll, optional, term))
			.allSatisfy((query) -> assertThat(PageQuery.of(query)).isSameAs(query));
		// one word in one field: a single scoring clause
		Query single = new BooleanQuery.Builder()
			.add(new BooleanQuery.Builder().add(new TermQuery(new Term("title", "alpha")), Occur.SHOULD).build(),
					Occur.MUST)
			.build();
		assertThat(PageQuery.of(single)).isSameAs(single);
		assertThat(PageQuery.of(oneClause)).isNotSameAs(oneClause);
	}

	// as LuceneEngine builds a search: each word in any field, the title weighing more,
	// typos forgiven, sometimes filtered by a tag
	private static Query search(Random random) {
		BooleanQuery.Builder query = new BooleanQuery.Builder();
		int words = 1 + random.nextInt(3);
		for (int w = 0; w < words; w++) {
			query.add(anyField(WORDS[zipf(random)], random.nextBoolean()), Occur.MUST);
		}
		if (random.nextInt(4) == 0) {
			query.add(new TermQuery(new Term("tag", "tag" + random.nextInt(4))), Occur.FILTER);
		}
		return query.build();
	}

	private static Query anyField(String word, boolean typos) {
		BooleanQuery.Builder anyField = new BooleanQuery.Builder();
		for (String field : List.of("title", "body")) {
			float weight = field.equals("title") ? 3 : 1;
			anyField.add(new BoostQuery(new TermQuery(new Term(field, word)), weight * 2), Occur.SHOULD);
			if (typos && word.length() >= 5) {
				anyField.add(new BoostQuery(new TypoTolerantQuery(field, word, 1), weight), Occur.SHOULD);
			}
		}
		return anyField.build();
	}

	// The same scores in the same order; the same documents wherever a score is
	// not tied (a sum taken in another order may differ in its last bits and break
	// a tie otherwise).
	private static void assertSamePage(Query query, TopDocs expected, TopDocs actual) {
		assertThat(actual.scoreDocs).as("page of %s", query).hasSameSizeAs(expected.scoreDocs);
		float tolerance = 1e-4f;
		for (int i = 0; i < expected.scoreDocs.length; i++) {
			assertThat(actual.scoreDocs[i].score).as("score %d of %s", i, query)
				.isCloseTo(expected.scoreDocs[i].score, within(tolerance * Math.max(1, expected.scoreDocs[i].score)));
		}
		if (expected.scoreDocs.length > 0) {
			float last = expected.scoreDocs[expected.scoreDocs.length - 1].score;
			assertThat(untied(actual, last, tolerance)).as("documents of %s", query)
				.isEqualTo(untied(expected, last, tolerance));
		}
	}

	private static Set<Integer> untied(TopDocs page, float last, float tolerance) {
		Set<Integer> documents = new HashSet<>();
		ScoreDoc[] hits = page.scoreDocs;
		for (int i = 0; i < hits.length; i++) {
			boolean tiedWithNext = i + 1 < hits.length && hits[i].score - hits[i + 1].score <= tolerance;
			boolean tiedWithPrevious = i > 0 && hits[i - 1].score - hits[i].score <= tolerance;
			if (hits[i].score - last > tolerance && !tiedWithNext && !tiedWithPrevious) {
				documents.add(hits[i].doc);
			}
		}
		return documents;
	}

	private static String words(Random random, int count) {
		List<String> words = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			words.add(WORDS[zipf(random)]);
		}
		return String.join(" ", words);
	}

	// a few words common, many rare
	private static int zipf(Random random) {
		return (int) Math.min(WORDS.length - 1, Math.floor(Math.pow(WORDS.length, random.nextDouble())) - 1);
	}

	private static String[] vocabulary(int size) {
		Random random = new Random(3);
		String[] words = new String[size];
		for (int i = 0; i < size; i++) {
			StringBuilder word = new StringBuilder();
			int length = 3 + random.nextInt(7);
			for (int c = 0; c < length; c++) {
				word.append((char) ('a' + random.nextInt(26)));
			}
			words[i] = word.toString();
		}
		return words;
	}

}
