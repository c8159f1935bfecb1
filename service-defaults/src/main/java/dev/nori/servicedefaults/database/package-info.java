/**
 * The service's own PostgreSQL database, created at start when missing.
 */
@NullMarked
package dev.nori.servicedefaults.database;

import org.jspecify.annotations.NullMarked;
