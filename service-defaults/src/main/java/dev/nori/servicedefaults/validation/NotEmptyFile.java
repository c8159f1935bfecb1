package dev.nori.servicedefaults.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The value must be an uploaded file with at least one byte (the "file" rule).
 * {@code null} is invalid: a file is required.
 */
@Documented
@Constraint(validatedBy = FileConstraintValidators.NotEmptyFile.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface NotEmptyFile {

	/**
	 * The message.
	 * @return the message
	 */
	String message() default "must be a non-empty file";

	/**
	 * Validation groups.
	 * @return the groups
	 */
	Class<?>[] groups() default {};

	/**
	 * Payload.
	 * @return the payload
	 */
	Class<? extends Payload>[] payload() default {};

}
