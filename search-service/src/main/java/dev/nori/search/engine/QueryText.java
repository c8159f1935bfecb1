package dev.nori.search.engine;

import java.util.ArrayList;
import java.util.List;

import dev.nori.servicedefaults.core.problem.FieldViolation;
import dev.nori.servicedefaults.problem.InvalidFieldsException;
import org.jspecify.annotations.Nullable;

/**
 * What users type: words, and phrases in double quotes. Nothing else has a meaning, so no
 * input can reach an engine's own query syntax.
 *
 * @param terms the words outside quotes
 * @param phrases the quoted phrases
 */
public record QueryText(List<String> terms, List<String> phrases) {

	/** The longest query accepted. */
	public static final int MAX_LENGTH = 500;

	private static final int MAX_PARTS = 32;

	/**
	 * Parses a query.
	 * @param q what the user typed; {@code null} or blank matches everything
	 * @return the words and phrases
	 * @throws InvalidFieldsException when it is too long, has an unbalanced quote, or too
	 * many parts
	 */
	public static QueryText parse(@Nullable String q) {
		if (q == null || q.isBlank()) {
			return new QueryText(List.of(), List.of());
		}
		if (q.length() > MAX_LENGTH) {
			throw invalid("must be at most " + MAX_LENGTH + " characters");
		}
		if (q.chars().filter((c) -> c == '"').count() % 2 != 0) {
			throw invalid("has an unbalanced quote: close the phrase with another \"");
		}
		List<String> terms = new ArrayList<>();
		List<String> phrases = new ArrayList<>();
		String[] parts = q.split("\"", -1);
		for (int i = 0; i < parts.length; i++) {
			String part = parts[i].strip();
			if (part.isEmpty()) {
				continue;
			}
			if (i % 2 == 1) {
				phrases.add(part);
			}
			else {
				for (String word : part.split("\\s+")) {
					if (!word.isBlank()) {
						terms.add(word);
					}
				}
			}
		}
		if (terms.size() + phrases.size() > MAX_PARTS) {
			throw invalid("may hold at most " + MAX_PARTS + " words and phrases");
		}
		return new QueryText(List.copyOf(terms), List.copyOf(phrases));
	}

	private static InvalidFieldsException invalid(String message) {
		return new InvalidFieldsException(List.of(new FieldViolation("q", message)));
	}

}
