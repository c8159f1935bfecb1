/**
 * Idempotent consumption: event handlers, the inbox that gives each event one effect, and
 * the dispatcher.
 */
@NullMarked
package dev.nori.eventing.inbox;

import org.jspecify.annotations.NullMarked;
