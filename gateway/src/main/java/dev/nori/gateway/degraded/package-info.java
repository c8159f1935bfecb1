/**
 * Bookkeeping for the times the gateway runs without one of its backing stores: counted,
 * and logged without flooding the log.
 */
@NullMarked
package dev.nori.gateway.degraded;

import org.jspecify.annotations.NullMarked;
