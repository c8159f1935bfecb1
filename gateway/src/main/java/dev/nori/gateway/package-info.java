/**
 * The gateway: the single public entry of Nori.
 */
@NullMarked
package dev.nori.gateway;

import org.jspecify.annotations.NullMarked;
