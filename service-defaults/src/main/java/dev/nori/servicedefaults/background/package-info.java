/**
 * In-process background tasks run on virtual threads after the response and drained at
 * shutdown.
 */
@NullMarked
package dev.nori.servicedefaults.background;

import org.jspecify.annotations.NullMarked;
