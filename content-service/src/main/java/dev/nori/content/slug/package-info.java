/**
 * URL slugs for articles and categories.
 */
@NullMarked
package dev.nori.content.slug;

import org.jspecify.annotations.NullMarked;
