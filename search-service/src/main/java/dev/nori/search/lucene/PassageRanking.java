package dev.nori.search.lucene;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;

/**
 * The highlighter's passage ranking (BM25 over each passage's terms, as
 * {@link PassageScorer} ranks them), with the passage's terms told apart in a small
 * array: the stock scorer makes a hash of them, with its 32 kB block, for every candidate
 * passage, which was a sixth of highlighting's CPU in the search benchmark.
 */
final class PassageRanking extends PassageScorer {

	@Override
	public float score(Passage passage, int contentLength) {
		int matches = passage.getNumMatches();
		BytesRef[] terms = passage.getMatchTerms();
		int[] freqsInDoc = passage.getMatchTermFreqsInDoc();
		// a passage holds a few dozen words at most: a linear search is cheapest
		BytesRef[] distinct = new BytesRef[matches];
		int[] inPassage = new int[matches];
		int[] inDoc = new int[matches];
		int size = 0;
		for (int i = 0; i < matches; i++) {
			int seen = 0;
			while (seen < size && !distinct[seen].bytesEquals(terms[i])) {
				seen++;
			}
			if (seen == size) {
				distinct[size] = terms[i];
				inDoc[size] = freqsInDoc[i];
				size++;
			}
			inPassage[seen]++;
		}
		float score = 0;
		for (int i = 0; i < size; i++) {
			score += tf(inPassage[i], passage.getLength()) * weight(contentLength, inDoc[i]);
		}
		return score * norm(passage.getStartOffset());
	}

}
