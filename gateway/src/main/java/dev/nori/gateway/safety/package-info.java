/**
 * Browser-facing safety at the edge: security headers on every response, CORS from an
 * allowlist, identity headers from clients stripped, request bodies limited per route.
 */
@NullMarked
package dev.nori.gateway.safety;

import org.jspecify.annotations.NullMarked;
