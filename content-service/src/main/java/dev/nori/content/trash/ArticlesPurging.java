package dev.nori.content.trash;

import java.util.List;
import java.util.UUID;

/**
 * Published inside the purge transaction just before articles are deleted for good, so
 * that what belongs to them (uploaded files) goes too.
 *
 * @param articleIds the articles about to be deleted
 */
public record ArticlesPurging(List<UUID> articleIds) {
}
