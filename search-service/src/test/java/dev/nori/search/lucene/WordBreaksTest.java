package dev.nori.search.lucene;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Word boundaries for passages, against the JDK's word instance on prose.
 */
class WordBreaksTest {

	private static final String[] SEPARATORS = { " ", "  ", ", ", ". ", "! ", "? ", " - ", "; ", " (", ") ", ": ",
			"\n" };

	private static final String[] WORDS = { "walrus", "don't", "3.14", "1,000", "e.g", "naïve", "Café", "x", "42",
			"snake_case", "Zürich", "it’s" };

	@Test
	void findsTheBoundariesTheJdkFindsInProse() {
		Random random = new Random(7);
		for (int round = 0; round < 500; round++) {
			StringBuilder text = new StringBuilder();
			if (random.nextInt(4) == 0) {
				text.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
			}
			for (int i = 0, words = 1 + random.nextInt(30); i < words; i++) {
				if (i > 0) {
					text.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
				}
				text.append(random.nextBoolean() ? WORDS[random.nextInt(WORDS.length)] : word(random));
			}
			String prose = text.toString();
			assertThat(forward(new WordBreaks(), prose)).as(prose).isEqualTo(forward(jdk(), prose));
			assertThat(backward(new WordBreaks(), prose)).as(prose).isEqualTo(backward(jdk(), prose));
			for (int offset = 0; offset <= prose.length(); offset++) {
				assertThat(following(new WordBreaks(), prose, offset)).as(prose + " @" + offset)
					.isEqualTo(following(jdk(), prose, offset));
				assertThat(preceding(new WordBreaks(), prose, offset)).as(prose + " @" + offset)
					.isEqualTo(preceding(jdk(), prose, offset));
			}
		}
	}

	@Test
	void ideographsAreWordsOfTheirOwnAndSurrogatePairsStayWhole() {
		assertThat(forward(new WordBreaks(), "東京 tower")).containsExactly(0, 1, 2, 3, 8);
		assertThat(forward(new WordBreaks(), "a\uD835\uDC00b c")).containsExactly(0, 4, 5, 6);
	}

	@Test
	void anEmptyTextHasOneBoundaryAndOffsetsOutsideAreRefused() {
		WordBreaks breaks = new WordBreaks();
		breaks.setText("");
		assertThat(breaks.first()).isZero();
		assertThat(breaks.next()).isEqualTo(BreakIterator.DONE);
		assertThat(breaks.previous()).isEqualTo(BreakIterator.DONE);
		breaks.setText("two words");
		assertThatIllegalArgumentException().isThrownBy(() -> breaks.following(10));
		assertThatIllegalArgumentException().isThrownBy(() -> breaks.preceding(-1));
		assertThat(breaks.following(9)).isEqualTo(BreakIterator.DONE);
		assertThat(breaks.current()).isEqualTo(9);
	}

	private static BreakIterator jdk() {
		return BreakIterator.getWordInstance(Locale.ROOT);
	}

	private static String word(Random random) {
		StringBuilder word = new StringBuilder();
		for (int i = 0, length = 1 + random.nextInt(9); i < length; i++) {
			word.append((char) ((random.nextInt(5) == 0) ? 'A' + random.nextInt(26) : 'a' + random.nextInt(26)));
		}
		return word.toString();
	}

	private static List<Integer> forward(BreakIterator breaks, String text) {
		breaks.setText(text);
		List<Integer> boundaries = new ArrayList<>();
		for (int at = breaks.first(); at != BreakIterator.DONE; at = breaks.next()) {
			boundaries.add(at);
		}
		return boundaries;
	}

	private static List<Integer> backward(BreakIterator breaks, String text) {
		breaks.setText(text);
		List<Integer> boundaries = new ArrayList<>();
		for (int at = breaks.last(); at != BreakIterator.DONE; at = breaks.previous()) {
			boundaries.add(at);
		}
		return boundaries;
	}

	private static List<Integer> following(BreakIterator breaks, String text, int offset) {
		breaks.setText(text);
		return List.of(breaks.following(offset), breaks.current());
	}

	private static List<Integer> preceding(BreakIterator breaks, String text, int offset) {
		breaks.setText(text);
		return List.of(breaks.preceding(offset), breaks.current());
	}

}
