/**
 * The embedded Lucene engine, the default.
 */
@NullMarked
package dev.nori.search.lucene;

import org.jspecify.annotations.NullMarked;
