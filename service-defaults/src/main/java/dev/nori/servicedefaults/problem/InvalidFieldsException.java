package dev.nori.servicedefaults.problem;

import java.util.List;

import dev.nori.contracts.problem.ProblemType;
import dev.nori.servicedefaults.core.problem.FieldViolation;

/**
 * Fields that failed a check Bean Validation cannot make (it needs a service, the
 * database or several fields at once), answered like a validation failure: 400 with every
 * failing field listed.
 */
public class InvalidFieldsException extends ProblemException {

	private final List<FieldViolation> violations;

	/**
	 * Creates the exception.
	 * @param violations the failing fields, never their rejected values
	 */
	public InvalidFieldsException(List<FieldViolation> violations) {
		super(ProblemType.BAD_REQUEST, "The request has " + violations.size() + " invalid field"
				+ ((violations.size() == 1) ? "" : "s") + ".");
		this.violations = List.copyOf(violations);
	}

	/**
	 * Returns the failing fields.
	 * @return the violations
	 */
	public List<FieldViolation> violations() {
		return this.violations;
	}

}
