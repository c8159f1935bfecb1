/**
 * What auth-service promises the gateway and the services about access tokens: claim
 * names, the token type, the audience, and the Redis keys of permissions that changed
 * after a token was issued.
 */
@NullMarked
package dev.nori.contracts.identity;

import org.jspecify.annotations.NullMarked;
