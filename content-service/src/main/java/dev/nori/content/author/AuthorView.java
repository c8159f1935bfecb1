package dev.nori.content.author;

/**
 * An author as clients see them: never their email address.
 *
 * @param id the user id
 * @param displayName the name shown with their content
 */
public record AuthorView(String id, String displayName) {
}
