/**
 * The Meilisearch engine, through the official Java client.
 */
@NullMarked
package dev.nori.search.meilisearch;

import org.jspecify.annotations.NullMarked;
