/**
 * Offset pages with totals, and signed keyset cursors for feeds.
 */
@NullMarked
package dev.nori.content.paging;

import org.jspecify.annotations.NullMarked;
