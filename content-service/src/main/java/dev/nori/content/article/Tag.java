package dev.nori.content.article;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An article tag: 1 to 40 characters, starting with a letter or digit, then letters,
 * digits, spaces, dots, hyphens and underscores.
 */
@Documented
@NotBlank(message = "must not be blank")
@Size(max = 40, message = "must be at most 40 characters")
@Pattern(regexp = "[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]*",
		message = "must start with a letter or digit and hold only letters, digits, spaces, dots, hyphens and underscores")
@Constraint(validatedBy = {})
@Target({ ElementType.TYPE_USE, ElementType.FIELD, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
@interface Tag {

	String message() default "is not a valid tag";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
