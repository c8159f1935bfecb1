/**
 * Transactional outbox: events stored with the state change and published by a relay
 * after commit.
 */
@NullMarked
package dev.nori.eventing.outbox;

import org.jspecify.annotations.NullMarked;
