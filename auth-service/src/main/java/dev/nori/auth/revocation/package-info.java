/**
 * Writes what the gateway and the services read in Redis: revoked token ids, users'
 * cut-offs and users' current permissions.
 */
@NullMarked
package dev.nori.auth.revocation;

import org.jspecify.annotations.NullMarked;
