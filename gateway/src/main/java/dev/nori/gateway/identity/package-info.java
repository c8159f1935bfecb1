/**
 * Who is calling: bearer JWTs checked against the trusted issuers' keys and the
 * revocation list before a request reaches a service.
 */
@NullMarked
package dev.nori.gateway.identity;

import org.jspecify.annotations.NullMarked;
