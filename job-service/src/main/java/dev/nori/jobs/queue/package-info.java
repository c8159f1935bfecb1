/**
 * The queue engine on PostgreSQL: enqueue with idempotency keys, batch claims with
 * {@code FOR UPDATE SKIP LOCKED}, leases and fenced completion, retries with backoff,
 * dead jobs and redrive.
 */
@NullMarked
package dev.nori.jobs.queue;

import org.jspecify.annotations.NullMarked;
