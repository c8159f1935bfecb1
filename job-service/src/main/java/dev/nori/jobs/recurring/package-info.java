/**
 * Recurring jobs: cron schedules that enqueue a job exactly once per tick across any
 * number of instances.
 */
@NullMarked
package dev.nori.jobs.recurring;

import org.jspecify.annotations.NullMarked;
