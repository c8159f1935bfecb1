/**
 * Load runs that print their results as ratios against a baseline measured in the same
 * run.
 */
@NullMarked
package dev.nori.benchmarks;

import org.jspecify.annotations.NullMarked;
