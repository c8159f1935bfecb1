/**
 * The REST API: enqueue, read, list, cancel, redrive, delete, statistics.
 */
@NullMarked
package dev.nori.jobs.api;

import org.jspecify.annotations.NullMarked;
