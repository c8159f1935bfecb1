package dev.nori.content.category;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A category in a listing of a (sub)tree, in depth-first order.
 *
 * @param id its id
 * @param parentId its parent
 * @param slug its slug
 * @param name its name
 * @param depth its distance from the listing's root (the root's children are 1; in a
 * listing of the whole tree, roots are 1)
 * @param articleCount published articles directly in it
 * @param subtreeArticleCount published articles in it or anywhere below
 */
public record CategoryNodeView(UUID id, @Nullable UUID parentId, String slug, String name, int depth, long articleCount,
		long subtreeArticleCount) {
}
