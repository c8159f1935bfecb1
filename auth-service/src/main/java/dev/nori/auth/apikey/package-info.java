/**
 * API keys: created by users with {@code api-keys.create}, scoped to a subset of their
 * permissions, shown once, stored hashed, expiring, revocable; exchanged by the gateway
 * for short access tokens through an internal endpoint.
 */
@NullMarked
package dev.nori.auth.apikey;

import org.jspecify.annotations.NullMarked;
