package dev.nori.servicedefaults.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The uploaded file must not be larger than the given size (the "file max size" rule),
 * such as {@code "10MB"}. {@code null} is valid.
 */
@Documented
@Constraint(validatedBy = FileConstraintValidators.MaxFileSize.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface MaxFileSize {

	/**
	 * The limit.
	 * @return the limit
	 */
	String value();

	/**
	 * The message.
	 * @return the message
	 */
	String message() default "must be at most {value}";

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
