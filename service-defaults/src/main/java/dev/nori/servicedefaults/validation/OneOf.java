package dev.nori.servicedefaults.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The value must be one of the listed strings (the "in" rule). {@code null} is valid:
 * combine with {@code @NotNull} to require a value. The default message lists the allowed
 * values.
 */
@Documented
@Constraint(validatedBy = OneOfValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface OneOf {

	/**
	 * The allowed values.
	 * @return the allowed values
	 */
	String[] value();

	/**
	 * Whether case is ignored when comparing.
	 * @return whether case is ignored
	 */
	boolean ignoreCase() default false;

	/**
	 * The message; {@code {value}} is replaced by the allowed values.
	 * @return the message
	 */
	String message() default "must be one of {value}";

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
