/**
 * Posts: short entries, optionally attached to an article, read as a keyset feed.
 */
@NullMarked
package dev.nori.content.post;

import org.jspecify.annotations.NullMarked;
