/**
 * content-service configuration.
 */
@NullMarked
package dev.nori.content.config;

import org.jspecify.annotations.NullMarked;
