/**
 * Test infrastructure decided in one place: the real PostgreSQL, Redis and Kafka that
 * tests use, and the clear message when one is missing.
 */
@NullMarked
package dev.nori.testsupport;

import org.jspecify.annotations.NullMarked;
