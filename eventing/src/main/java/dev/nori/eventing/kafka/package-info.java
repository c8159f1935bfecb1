/**
 * Kafka wiring: CloudEvents binary-mode records, retries with backoff, dead-letter topics
 * and broker health.
 */
@NullMarked
package dev.nori.eventing.kafka;

import org.jspecify.annotations.NullMarked;
