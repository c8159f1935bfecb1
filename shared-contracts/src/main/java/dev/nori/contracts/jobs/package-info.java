/**
 * job-service's lifecycle events on {@code nori.jobs.events}, keyed by job id.
 */
@NullMarked
package dev.nori.contracts.jobs;

import org.jspecify.annotations.NullMarked;
