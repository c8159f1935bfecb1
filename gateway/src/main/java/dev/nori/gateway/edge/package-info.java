/**
 * The steps every request takes at the gateway before it is routed (request id, forwarded
 * and identity headers, security headers, body limits, CORS, browser sessions, tokens,
 * rate limits), run in order as one web filter.
 */
@NullMarked
package dev.nori.gateway.edge;

import org.jspecify.annotations.NullMarked;
