/**
 * The engine-neutral search model: schemas, queries, pages, and the engine interface.
 */
@NullMarked
package dev.nori.search.engine;

import org.jspecify.annotations.NullMarked;
