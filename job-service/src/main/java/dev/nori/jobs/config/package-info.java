/**
 * job-service configuration.
 */
@NullMarked
package dev.nori.jobs.config;

import org.jspecify.annotations.NullMarked;
