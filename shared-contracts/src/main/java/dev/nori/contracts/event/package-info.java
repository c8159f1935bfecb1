/**
 * The CloudEvents-shaped envelope, logical event types and the topics they travel on.
 */
@NullMarked
package dev.nori.contracts.event;

import org.jspecify.annotations.NullMarked;
