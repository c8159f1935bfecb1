/**
 * Ids for rows that are inserted often and read back in creation order.
 */
@NullMarked
package dev.nori.servicedefaults.core.ids;

import org.jspecify.annotations.NullMarked;
