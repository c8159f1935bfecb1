package dev.nori.auth.password;

import java.util.ArrayList;
import java.util.List;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;

/**
 * What a new password must be: between the configured lengths (in characters, any
 * Unicode, never truncated), free of control characters such as NUL, and not weak or
 * common by zxcvbn's estimate, which also penalizes the user's own email and name. No
 * composition rules (NIST SP 800-63B).
 */
public class PasswordPolicy {

	// zxcvbn's cost grows with length; a password this long is not weak for being long
	private static final int STRENGTH_SAMPLE = 100;

	private final PasswordProperties properties;

	private final Zxcvbn zxcvbn = new Zxcvbn();

	/**
	 * Creates the policy.
	 * @param properties the lengths and the lowest accepted strength
	 */
	public PasswordPolicy(PasswordProperties properties) {
		this.properties = properties;
	}

	/**
	 * Lists what is wrong with a new password.
	 * @param password the proposed password
	 * @param userInputs the user's email, name and other words an attacker would try
	 * first
	 * @return messages for the user, empty when the password is acceptable
	 */
	public List<String> problems(String password, List<String> userInputs) {
		List<String> problems = new ArrayList<>();
		int length = password.codePointCount(0, password.length());
		if (length < this.properties.minLength()) {
			problems.add("must be at least " + this.properties.minLength() + " characters long");
		}
		if (length > this.properties.maxLength()) {
			problems.add("must be at most " + this.properties.maxLength() + " characters long");
		}
		if (password.codePoints().anyMatch(Character::isISOControl)) {
			problems.add("must not contain control characters");
		}
		if (problems.isEmpty()) {
			String sample = password.substring(0, password.offsetByCodePoints(0, Math.min(length, STRENGTH_SAMPLE)));
			Strength strength = this.zxcvbn.measure(sample, words(userInputs));
			if (strength.getScore() < this.properties.minStrength()) {
				problems.add(weakMessage(strength));
			}
		}
		return problems;
	}

	// "ada.lovelace@example.org" also penalizes "ada", "lovelace" and "ada.lovelace"
	private static List<String> words(List<String> userInputs) {
		List<String> words = new ArrayList<>();
		for (String input : userInputs) {
			String lower = input.toLowerCase(java.util.Locale.ROOT);
			words.add(lower);
			words.addAll(List.of(lower.split("@")));
			for (String part : lower.split("[^\\p{L}\\p{N}]+")) {
				if (part.length() >= 3) {
					words.add(part);
				}
			}
		}
		return words;
	}

	private static String weakMessage(Strength strength) {
		StringBuilder message = new StringBuilder("is too easy to guess");
		String warning = strength.getFeedback().getWarning();
		if (warning != null && !warning.isBlank()) {
			message.append(": ").append(warning.strip());
		}
		List<String> suggestions = strength.getFeedback().getSuggestions();
		if (suggestions != null && !suggestions.isEmpty()) {
			message.append(message.toString().endsWith(".") ? " " : ". ").append(String.join(" ", suggestions));
		}
		else {
			message.append(". Add more words or characters that do not form a common pattern.");
		}
		return message.toString();
	}

}
