/**
 * Starts and stops Nori's local stack (a Kafka broker and every service, each as its own
 * process), for {@code ./nori} and for the system tests. Plain Java, no dependencies.
 */
@NullMarked
package dev.nori.launcher;

import org.jspecify.annotations.NullMarked;
