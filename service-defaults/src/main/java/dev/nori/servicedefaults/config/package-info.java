/**
 * Typed configuration and auto-configuration of the servlet service defaults.
 */
@NullMarked
package dev.nori.servicedefaults.config;

import org.jspecify.annotations.NullMarked;
