package dev.nori.servicedefaults.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The uploaded file's name must end in one of the given extensions, compared without case
 * (the "file types" rule). {@code null} is valid.
 */
@Documented
@Constraint(validatedBy = FileConstraintValidators.FileTypes.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface FileTypes {

	/**
	 * The accepted extensions, without the dot.
	 * @return the extensions
	 */
	String[] value();

	/**
	 * The message.
	 * @return the message
	 */
	String message() default "must be one of the types {value}";

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
