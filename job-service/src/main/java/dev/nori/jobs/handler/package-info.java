/**
 * The job handler SPI: one {@link dev.nori.jobs.handler.JobHandler} bean per job type.
 */
@NullMarked
package dev.nori.jobs.handler;

import org.jspecify.annotations.NullMarked;
