/**
 * Events content-service publishes: article lifecycle on {@code nori.content.articles}
 * (keyed by article id) and category tree changes on {@code nori.content.categories}
 * (keyed by category id). They carry what a search index needs, so consumers need not
 * call back.
 */
@NullMarked
package dev.nori.contracts.content;

import org.jspecify.annotations.NullMarked;
