/**
 * The {@code prod} profile's refusals: settings that are fine on a laptop and wrong in
 * production (memory backends, unset or example secrets, keys generated per process) stop
 * the process before it touches anything, every problem named at once.
 */
@NullMarked
package dev.nori.servicedefaults.core.production;

import org.jspecify.annotations.NullMarked;
