/**
 * Calls between services on internal endpoints.
 */
@NullMarked
package dev.nori.servicedefaults.internal;

import org.jspecify.annotations.NullMarked;
