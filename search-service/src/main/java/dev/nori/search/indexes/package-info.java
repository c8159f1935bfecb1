/**
 * Generic indexes for other services and applications.
 */
@NullMarked
package dev.nori.search.indexes;

import org.jspecify.annotations.NullMarked;
