package dev.nori.content.category;

import java.util.List;

import dev.nori.contracts.content.CategoryRef;

/**
 * A category with its breadcrumb and counts.
 *
 * @param category the category
 * @param path the category and its ancestors, root first (the breadcrumb)
 * @param depth its level, a root being 1
 * @param childCount how many categories sit directly under it
 * @param articleCount published articles directly in it
 * @param subtreeArticleCount published articles in it or anywhere below
 */
public record CategoryDetailView(CategoryView category, List<CategoryRef> path, int depth, long childCount,
		long articleCount, long subtreeArticleCount) {
}
