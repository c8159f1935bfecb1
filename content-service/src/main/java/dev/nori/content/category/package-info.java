/**
 * The category tree: ancestors, descendants, subtree counts and moves as recursive CTEs.
 */
@NullMarked
package dev.nori.content.category;

import org.jspecify.annotations.NullMarked;
