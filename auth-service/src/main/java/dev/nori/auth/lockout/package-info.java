/**
 * Brute-force lockout per account and per client address, on Nori's escalating schedule,
 * with its state in Redis so that every instance sees the same counters.
 */
@NullMarked
package dev.nori.auth.lockout;

import org.jspecify.annotations.NullMarked;
