/**
 * Types that Nori services share: event envelopes and payloads, topic names, logical
 * event type ids and problem type URIs.
 */
@NullMarked
package dev.nori.contracts;

import org.jspecify.annotations.NullMarked;
