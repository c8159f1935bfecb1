/**
 * Every service is an OAuth2 resource server: it checks the bearer token itself
 * (signature against the issuer's JWKS, issuer, audience, type, validity window) and
 * grants the token's permissions as authorities, preferring a user's current permissions
 * when they changed after the token was issued. 401 and 403 are answered as problems.
 */
@NullMarked
package dev.nori.servicedefaults.security;

import org.jspecify.annotations.NullMarked;
