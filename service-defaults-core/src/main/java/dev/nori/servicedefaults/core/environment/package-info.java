/**
 * Environment defaults every Nori process gets: Nori's LOG_* variables, an optional .env
 * file and library defaults.
 */
@NullMarked
package dev.nori.servicedefaults.core.environment;

import org.jspecify.annotations.NullMarked;
