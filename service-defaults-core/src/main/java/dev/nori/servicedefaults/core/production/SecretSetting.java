package dev.nori.servicedefaults.core.production;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The rules a secret setting must meet in production: set, not the example value of
 * {@code .env.example} ({@code change-me…}), and long enough to resist guessing.
 *
 * @param property the property
 * @param variable the environment variable users set it with
 * @param minLength the fewest characters accepted
 */
public record SecretSetting(String property, String variable, int minLength) {

	/** The prefix of every example value in {@code .env.example}. */
	public static final String EXAMPLE_PREFIX = "change-me";

	/**
	 * Returns what is wrong with the secret's value, if anything.
	 * @param environment the environment
	 * @return the problem, naming the setting
	 */
	public Optional<String> problem(Environment environment) {
		return problem(Binder.get(environment).bind(this.property, String.class).orElse(null));
	}

	/**
	 * Returns what is wrong with a value of this secret, if anything.
	 * @param value the value
	 * @return the problem, naming the setting
	 */
	public Optional<String> problem(@Nullable String value) {
		String name = this.variable + " (" + this.property + ")";
		if (value == null || value.isBlank()) {
			return Optional.of(name + " is not set: set it to a random value of at least " + this.minLength
					+ " characters, the same in every instance");
		}
		if (value.strip().startsWith(EXAMPLE_PREFIX)) {
			return Optional.of(name + " still has the example value from .env.example: replace it with a random one");
		}
		if (value.length() < this.minLength) {
			return Optional.of(name + " is shorter than " + this.minLength + " characters");
		}
		return Optional.empty();
	}

}
