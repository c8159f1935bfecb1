/**
 * Cached public reads in Redis (or memory), invalidated together on any content change.
 */
@NullMarked
package dev.nori.content.cache;

import org.jspecify.annotations.NullMarked;
