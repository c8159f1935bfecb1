package dev.nori.content.slug;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A URL slug: lower-case ASCII letters and digits in words joined by single hyphens, at
 * most {@value #MAX_LENGTH} characters, never shaped like a UUID (addresses take either
 * an id or a slug) nor a word the API uses as a path ({@code trash}, {@code feed}).
 *
 * @param value the slug
 */
public record Slug(String value) {

	/** The longest slug. */
	public static final int MAX_LENGTH = 80;

	/** What a slug looks like, for {@code @Pattern} on requests. */
	public static final String REGEX = "[a-z0-9]+(-[a-z0-9]+)*";

	// paths under /articles and /categories that are not slugs
	private static final Set<String> RESERVED = Set.of("trash", "feed", "new");

	private static final Pattern VALID = Pattern.compile(REGEX);

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	private static final Pattern SEPARATORS = Pattern.compile("[^a-z0-9]+");

	/**
	 * Checks the slug.
	 * @param value the slug
	 */
	public Slug {
		if (!isValid(value)) {
			throw new IllegalArgumentException("Not a slug: " + value);
		}
	}

	/**
	 * Returns whether a string is a valid slug.
	 * @param value the candidate
	 * @return whether it is one
	 */
	public static boolean isValid(String value) {
		return value.length() <= MAX_LENGTH && VALID.matcher(value).matches() && !isUuid(value)
				&& !RESERVED.contains(value);
	}

	/**
	 * Makes a slug from a title: accents dropped, everything but letters and digits
	 * turned into single hyphens.
	 * @param title the title
	 * @param fallback the slug when the title has no letters or digits
	 * @return the slug
	 */
	public static Slug from(String title, String fallback) {
		String ascii = MARKS.matcher(Normalizer.normalize(title, Normalizer.Form.NFKD)).replaceAll("");
		String words = SEPARATORS.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("-");
		String trimmed = trimHyphens(words);
		if (trimmed.length() > MAX_LENGTH - 9) {
			trimmed = trimHyphens(trimmed.substring(0, MAX_LENGTH - 9));
		}
		return isValid(trimmed) ? new Slug(trimmed) : new Slug(fallback);
	}

	/**
	 * Returns this slug with a numeric suffix, for when it is taken.
	 * @param n the suffix
	 * @return {@code <slug>-<n>}
	 */
	public Slug withSuffix(int n) {
		String base = (this.value.length() > MAX_LENGTH - 9) ? trimHyphens(this.value.substring(0, MAX_LENGTH - 9))
				: this.value;
		return new Slug(base + "-" + n);
	}

	@Override
	public String toString() {
		return this.value;
	}

	private static String trimHyphens(String value) {
		int start = 0;
		int end = value.length();
		while (start < end && value.charAt(start) == '-') {
			start++;
		}
		while (end > start && value.charAt(end - 1) == '-') {
			end--;
		}
		return value.substring(start, end);
	}

	private static boolean isUuid(String value) {
		if (value.length() != 36) {
			return false;
		}
		try {
			UUID.fromString(value);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
