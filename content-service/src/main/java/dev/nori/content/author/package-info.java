/**
 * The authors content-service knows: display names for views and events, learned from
 * auth-service's user events and from token claims.
 */
@NullMarked
package dev.nori.content.author;

import org.jspecify.annotations.NullMarked;
