package dev.nori.content.paging;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A slice of a feed read with a keyset cursor.
 *
 * @param items the slice's items, newest first
 * @param nextCursor the cursor for the next slice; {@code null} at the end of the feed
 * @param <T> the item type
 */
public record FeedView<T>(List<T> items, @Nullable String nextCursor) {
}
