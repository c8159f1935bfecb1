/**
 * Gateway errors (no route, service down or slow) as the same problem JSON the services
 * answer with.
 */
@NullMarked
package dev.nori.gateway.problem;

import org.jspecify.annotations.NullMarked;
