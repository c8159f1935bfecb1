package dev.nori.auth.session;

/**
 * What a login or refresh answers.
 *
 * @param accessToken the JWT to send as {@code Authorization: Bearer}
 * @param refreshToken the opaque token that gets the next pair, once
 * @param tokenType always {@code Bearer}
 * @param expiresIn seconds until the access token expires
 */
public record TokenPair(String accessToken, String refreshToken, String tokenType, long expiresIn) {
}
