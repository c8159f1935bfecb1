package dev.nori.content.paging;

import java.time.Instant;
import java.util.UUID;

/**
 * Where a feed slice ends: the sort time and id of its last item. The next slice starts
 * strictly after it, so rows inserted meanwhile neither repeat nor shift items.
 *
 * @param at the last item's sort time
 * @param id the last item's id, the tie-breaker
 */
public record FeedPosition(Instant at, UUID id) {
}
