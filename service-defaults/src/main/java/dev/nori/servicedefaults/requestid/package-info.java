/**
 * X-Request-ID for servlet services: accepted or made per request, logged, echoed and
 * sent on outgoing calls.
 */
@NullMarked
package dev.nori.servicedefaults.requestid;

import org.jspecify.annotations.NullMarked;
