/**
 * Purges content that has been in the trash longer than the retention.
 */
@NullMarked
package dev.nori.content.trash;

import org.jspecify.annotations.NullMarked;
