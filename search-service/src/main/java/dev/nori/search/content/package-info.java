/**
 * The content index: kept in sync from article events, searched through
 * {@code /api/search}.
 */
@NullMarked
package dev.nori.search.content;

import org.jspecify.annotations.NullMarked;
