/**
 * The public info endpoint every service answers at its API base.
 */
@NullMarked
package dev.nori.servicedefaults.info;

import org.jspecify.annotations.NullMarked;
