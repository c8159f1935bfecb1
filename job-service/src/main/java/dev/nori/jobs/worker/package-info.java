/**
 * The worker: claims jobs when notified (LISTEN/NOTIFY) or on a poll, runs them with
 * bounded concurrency, renews their leases, and shuts down gracefully.
 */
@NullMarked
package dev.nori.jobs.worker;

import org.jspecify.annotations.NullMarked;
