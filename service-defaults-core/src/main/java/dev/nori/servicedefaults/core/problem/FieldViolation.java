package dev.nori.servicedefaults.core.problem;

/**
 * One failing field of a request, as listed in a validation problem's {@code errors}
 * member. Rejected values are deliberately left out: they may be secrets such as
 * passwords.
 *
 * @param field the field path as the client sent it, for example {@code author.email}
 * @param message what is wrong, for a person to read
 */
public record FieldViolation(String field, String message) {
}
