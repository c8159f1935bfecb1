/**
 * search-service: full-text search kept in sync from content events.
 */
@NullMarked
package dev.nori.search;

import org.jspecify.annotations.NullMarked;
