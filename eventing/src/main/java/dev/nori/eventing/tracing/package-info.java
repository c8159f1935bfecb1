/**
 * W3C trace context carried across asynchronous hops (outbox events, stored jobs).
 */
@NullMarked
package dev.nori.eventing.tracing;

import org.jspecify.annotations.NullMarked;
