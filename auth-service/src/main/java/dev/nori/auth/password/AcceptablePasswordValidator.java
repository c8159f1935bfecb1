package dev.nori.auth.password;

import java.util.List;
import java.util.Objects;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Checks {@link AcceptablePassword} with the configured {@link PasswordPolicy}; each
 * failing rule is reported on the {@code password} field.
 */
public class AcceptablePasswordValidator implements ConstraintValidator<AcceptablePassword, PasswordCandidate> {

	private final PasswordPolicy policy;

	/**
	 * Creates the validator (Spring's validator factory injects the policy).
	 * @param policy the password policy
	 */
	public AcceptablePasswordValidator(PasswordPolicy policy) {
		this.policy = policy;
	}

	@Override
	public boolean isValid(PasswordCandidate candidate, ConstraintValidatorContext context) {
		if (candidate == null || candidate.password() == null) {
			return true;
		}
		List<String> inputs = candidate.userInputs().stream().filter(Objects::nonNull).toList();
		List<String> problems = this.policy.problems(candidate.password(), inputs);
		if (problems.isEmpty()) {
			return true;
		}
		context.disableDefaultConstraintViolation();
		for (String problem : problems) {
			context.buildConstraintViolationWithTemplate(escape(problem))
				.addPropertyNode("password")
				.addConstraintViolation();
		}
		return false;
	}

	// zxcvbn's feedback is text, not a message template
	private static String escape(String message) {
		return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
	}

}
