/**
 * Retention: succeeded and cancelled jobs are deleted once they are older than the
 * configured period, so the jobs table holds what is waiting, running, failed and recent.
 */
@NullMarked
package dev.nori.jobs.retention;

import org.jspecify.annotations.NullMarked;
