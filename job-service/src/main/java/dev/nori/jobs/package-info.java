/**
 * job-service: the durable PostgreSQL job queue, its API and its workers.
 */
@NullMarked
package dev.nori.jobs;

import org.jspecify.annotations.NullMarked;
