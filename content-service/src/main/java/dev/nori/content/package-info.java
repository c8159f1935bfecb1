/**
 * content-service: articles, posts, category trees, soft deletes and uploads.
 */
@NullMarked
package dev.nori.content;

import org.jspecify.annotations.NullMarked;
