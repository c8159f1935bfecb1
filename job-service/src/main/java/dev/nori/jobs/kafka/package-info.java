/**
 * The built-in {@code kafka.publish} job: a record sent to a Kafka topic, retried until
 * the broker acknowledges it.
 */
@NullMarked
package dev.nori.jobs.kafka;

import org.jspecify.annotations.NullMarked;
