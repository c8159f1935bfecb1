/**
 * X-Request-ID at the edge: accepted or made, forwarded to the service and echoed to the
 * client.
 */
@NullMarked
package dev.nori.gateway.requestid;

import org.jspecify.annotations.NullMarked;
