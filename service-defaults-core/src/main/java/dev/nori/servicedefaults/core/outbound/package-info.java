/**
 * Rules for calls the platform makes to addresses users supply.
 */
@NullMarked
package dev.nori.servicedefaults.core.outbound;

import org.jspecify.annotations.NullMarked;
