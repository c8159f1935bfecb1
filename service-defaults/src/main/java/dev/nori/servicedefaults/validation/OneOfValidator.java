package dev.nori.servicedefaults.validation;

import java.util.Arrays;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.jspecify.annotations.Nullable;

/**
 * Validates {@link OneOf}.
 */
public class OneOfValidator implements ConstraintValidator<OneOf, CharSequence> {

	private String[] allowed = {};

	private boolean ignoreCase;

	@Override
	public void initialize(OneOf annotation) {
		this.allowed = annotation.value();
		this.ignoreCase = annotation.ignoreCase();
	}

	@Override
	public boolean isValid(@Nullable CharSequence value, ConstraintValidatorContext context) {
		if (value == null) {
			return true;
		}
		String candidate = value.toString();
		return Arrays.stream(this.allowed)
			.anyMatch((option) -> this.ignoreCase ? option.equalsIgnoreCase(candidate) : option.equals(candidate));
	}

}
