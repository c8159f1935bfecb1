/**
 * Configuration and auto-configuration of the event backbone.
 */
@NullMarked
package dev.nori.eventing.config;

import org.jspecify.annotations.NullMarked;
