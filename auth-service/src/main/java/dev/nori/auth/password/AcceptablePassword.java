package dev.nori.auth.password;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The request's new password meets the password policy. On a request type, so that a weak
 * password is reported with every other failing field at once.
 */
@Documented
@Constraint(validatedBy = AcceptablePasswordValidator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface AcceptablePassword {

	/**
	 * The fallback message; each rule that fails reports its own.
	 * @return the message
	 */
	String message() default "is not an acceptable password";

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
