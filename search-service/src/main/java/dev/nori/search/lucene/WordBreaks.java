package dev.nori.search.lucene;

import java.text.BreakIterator;
import java.text.CharacterIterator;
import java.text.StringCharacterIterator;

/**
 * Word boundaries for cutting highlighted passages: where a run of letters and digits
 * starts or ends (an apostrophe or a full stop between letters or digits, and a comma
 * between digits, stay inside: "don't", "3.14", "1,000"), around each other punctuation
 * mark and each ideograph. The JDK's word instance finds the same boundaries in such
 * text, but walks its rule tables through a {@link CharacterIterator} one code point at a
 * time: a tenth of a search's CPU in the search benchmark. This one looks at the
 * characters around an offset. It knows no dictionary: a run of Thai or Lao is one word.
 */
final class WordBreaks extends BreakIterator {

	private static final int SPACE = 0;

	private static final int WORD = 1;

	// a mark or an ideograph: a word of its own
	private static final int SINGLE = 2;

	private String text = "";

	private int current;

	@Override
	public int first() {
		return this.current = 0;
	}

	@Override
	public int last() {
		return this.current = this.text.length();
	}

	@Override
	public int next(int n) {
		int result = this.current;
		for (int i = 0; i < n; i++) {
			result = next();
		}
		for (int i = 0; i > n; i--) {
			result = previous();
		}
		return result;
	}

	@Override
	public int next() {
		if (this.current >= this.text.length()) {
			return DONE;
		}
		return following(this.current);
	}

	@Override
	public int previous() {
		if (this.current <= 0) {
			return DONE;
		}
		return preceding(this.current);
	}

	@Override
	public int following(int offset) {
		check(offset);
		for (int i = offset + 1; i < this.text.length(); i++) {
			if (breaksAt(i)) {
				return this.current = i;
			}
		}
		if (offset < this.text.length()) {
			return this.current = this.text.length();
		}
		this.current = this.text.length();
		return DONE;
	}

	@Override
	public int preceding(int offset) {
		check(offset);
		for (int i = offset - 1; i > 0; i--) {
			if (breaksAt(i)) {
				return this.current = i;
			}
		}
		if (offset > 0) {
			return this.current = 0;
		}
		this.current = 0;
		return DONE;
	}

	@Override
	public boolean isBoundary(int offset) {
		check(offset);
		return offset == 0 || offset == this.text.length() || breaksAt(offset);
	}

	@Override
	public int current() {
		return this.current;
	}

	@Override
	public CharacterIterator getText() {
		return new StringCharacterIterator(this.text);
	}

	@Override
	public void setText(String newText) {
		this.text = newText;
		this.current = 0;
	}

	@Override
	public void setText(CharacterIterator newText) {
		StringBuilder copy = new StringBuilder(newText.getEndIndex() - newText.getBeginIndex());
		for (char c = newText.first(); c != CharacterIterator.DONE; c = newText.next()) {
			copy.append(c);
		}
		setText(copy.toString());
	}

	private void check(int offset) {
		if (offset < 0 || offset > this.text.length()) {
			throw new IllegalArgumentException("offset " + offset + " is outside the text");
		}
	}

	// a boundary between two characters inside the text
	private boolean breaksAt(int offset) {
		char before = this.text.charAt(offset - 1);
		char after = this.text.charAt(offset);
		if (Character.isHighSurrogate(before) && Character.isLowSurrogate(after)) {
			return false;
		}
		int kindBefore = kind(this.text.codePointBefore(offset));
		int kindAfter = kind(this.text.codePointAt(offset));
		if ((kindBefore == SINGLE && joins(offset - 1)) || (kindAfter == SINGLE && joins(offset))) {
			return false;
		}
		return kindBefore == SINGLE || kindBefore != kindAfter;
	}

	// a mark inside a word: "don't", "e.g", "3.14", "1,000"
	private boolean joins(int at) {
		if (at == 0 || at + 1 >= this.text.length()) {
			return false;
		}
		char before = this.text.charAt(at - 1);
		char after = this.text.charAt(at + 1);
		return switch (this.text.charAt(at)) {
			case '\'', '.' -> Character.isLetterOrDigit(before) && Character.isLetterOrDigit(after)
					&& Character.isDigit(before) == Character.isDigit(after);
			case ',' -> Character.isDigit(before) && Character.isDigit(after);
			default -> false;
		};
	}

	private static int kind(int codePoint) {
		if (Character.isIdeographic(codePoint)) {
			return SINGLE;
		}
		if (Character.isLetterOrDigit(codePoint)) {
			return WORD;
		}
		return switch (Character.getType(codePoint)) {
			// accents and other marks that belong to the letter before
			case Character.NON_SPACING_MARK, Character.COMBINING_SPACING_MARK, Character.ENCLOSING_MARK,
					Character.CONNECTOR_PUNCTUATION ->
				WORD;
			default -> Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint) ? SPACE : SINGLE;
		};
	}

}
