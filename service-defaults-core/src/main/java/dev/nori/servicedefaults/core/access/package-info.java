/**
 * Which requests need no credentials: route declarations shared by the gateway and the
 * services.
 */
@NullMarked
package dev.nori.servicedefaults.core.access;

import org.jspecify.annotations.NullMarked;
