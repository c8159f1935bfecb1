/**
 * Routes from typed configuration: /api/<service>/** to each service, with per-route
 * timeouts.
 */
@NullMarked
package dev.nori.gateway.routing;

import org.jspecify.annotations.NullMarked;
