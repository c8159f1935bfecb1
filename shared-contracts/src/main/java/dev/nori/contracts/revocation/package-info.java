/**
 * Where token revocations live in Redis: written by auth-service, read by the gateway.
 */
@NullMarked
package dev.nori.contracts.revocation;

import org.jspecify.annotations.NullMarked;
