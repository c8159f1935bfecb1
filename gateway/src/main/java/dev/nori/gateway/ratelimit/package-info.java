/**
 * Rate limits at the edge: token buckets per policy and client, in Redis (atomic, shared
 * by every gateway instance) or in memory for local use.
 */
@NullMarked
package dev.nori.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
