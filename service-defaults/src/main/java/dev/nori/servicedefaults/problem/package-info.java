/**
 * Every error as RFC 9457 problem JSON (or an HTML page for browsers), never a stack
 * trace.
 */
@NullMarked
package dev.nori.servicedefaults.problem;

import org.jspecify.annotations.NullMarked;
