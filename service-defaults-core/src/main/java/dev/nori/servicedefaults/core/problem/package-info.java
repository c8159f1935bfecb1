/**
 * RFC 9457 problem responses built the same way by every service and the gateway.
 */
@NullMarked
package dev.nori.servicedefaults.core.problem;

import org.jspecify.annotations.NullMarked;
