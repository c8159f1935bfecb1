/**
 * RFC 9457 problem type URIs that every service and the gateway answer with.
 */
@NullMarked
package dev.nori.contracts.problem;

import org.jspecify.annotations.NullMarked;
