/**
 * Queue metrics: jobs by queue and state, for dashboards and alerts.
 */
@NullMarked
package dev.nori.jobs.metrics;

import org.jspecify.annotations.NullMarked;
