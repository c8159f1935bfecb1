package dev.nori.content.category;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Published inside the transaction that deletes a category, after its articles moved to
 * its parent, so that the article feature can announce their new category path.
 *
 * @param categoryId the deleted category
 * @param parentId where its articles went ({@code null}: they have no category now)
 * @param movedArticles the ids of the articles that moved
 */
public record CategoryDeleted(UUID categoryId, @Nullable UUID parentId, java.util.List<UUID> movedArticles) {
}
