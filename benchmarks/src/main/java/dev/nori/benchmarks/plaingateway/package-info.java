/**
 * The plain Spring Cloud Gateway baseline of the gateway benchmark.
 */
@NullMarked
package dev.nori.benchmarks.plaingateway;

import org.jspecify.annotations.NullMarked;
