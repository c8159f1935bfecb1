package dev.nori.search.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/**
 * Counts every match of a query, and per facet field the values they hold, in one
 * unscored pass: unscored, the searcher may answer a frequent query from its query cache.
 */
final class FacetCounting implements CollectorManager<FacetCounting.Counter, FacetCounting.Counts> {

	private final List<String> fields;

	private final int top;

	private final SegmentTables tables;

	/**
	 * @param fields the facet fields to count, in the order of the answer
	 * @param top how many values to keep per field, most frequent first
	 * @param tables each segment's facet values
	 */
	FacetCounting(List<String> fields, int top, SegmentTables tables) {
		this.fields = fields;
		this.top = top;
		this.tables = tables;
	}

	@Override
	public Counter newCollector() {
		return new Counter(this.tables);
	}

	@Override
	public Counts reduce(Collection<Counter> counters) {
		long total = 0;
		Map<String, Map<String, Long>> byField = new HashMap<>();
		for (Counter counter : counters) {
			total += counter.total;
			for (Segment segment : counter.segments) {
				for (int ord = 0; ord < segment.counts.length; ord++) {
					String field = segment.ordinals.fields[ord];
					if (segment.counts[ord] > 0 && field != null) {
						byField.computeIfAbsent(field, (key) -> new HashMap<>())
							.merge(segment.ordinals.values[ord], (long) segment.counts[ord], Long::sum);
					}
				}
			}
		}
		Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
		for (String field : this.fields) {
			Map<String, Long> values = new LinkedHashMap<>();
			byField.getOrDefault(field, Map.of())
				.entrySet()
				.stream()
				.sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
					.thenComparing(Map.Entry.comparingByKey()))
				.limit(this.top)
				.forEach((entry) -> values.put(entry.getKey(), entry.getValue()));
			facets.put(field, values);
		}
		return new Counts(total, facets);
	}

	/**
	 * How many documents matched, and per facet field its most frequent values among them
	 * with their counts.
	 */
	record Counts(long total, Map<String, Map<String, Long>> facets) {
	}

	/** Each segment's table of facet values, made once per segment. */
	@FunctionalInterface
	interface SegmentTables {

		FacetOrdinals of(LeafReaderContext segment) throws IOException;

	}

	private record Segment(FacetOrdinals ordinals, int[] counts) {
	}

	static final class Counter implements Collector {

		private final SegmentTables tables;

		private final List<Segment> segments = new ArrayList<>();

		private long total;

		Counter(SegmentTables tables) {
			this.tables = tables;
		}

		@Override
		public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
			FacetOrdinals ordinals = this.tables.of(context);
			Segment segment = new Segment(ordinals, new int[ordinals.valueCount()]);
			this.segments.add(segment);
			return new Matches(this, ordinals, segment.counts());
		}

		@Override
		public ScoreMode scoreMode() {
			return ScoreMode.COMPLETE_NO_SCORES;
		}

	}

	private record Matches(Counter counter, FacetOrdinals ordinals, int[] counts) implements LeafCollector {

		@Override
		public void setScorer(Scorable scorer) {
			// unscored
		}

		@Override
		public void collect(int doc) {
			this.counter.total++;
			this.ordinals.count(doc, this.counts);
		}

	}

}
