/**
 * Access tokens: RSA signing keys that rotate (published before they sign, kept until
 * their last token expires), the JWKS and OIDC discovery documents, and issuing RS256
 * {@code at+jwt} tokens.
 */
@NullMarked
package dev.nori.auth.token;

import org.jspecify.annotations.NullMarked;
