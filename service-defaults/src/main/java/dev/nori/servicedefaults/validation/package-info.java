/**
 * Constraints Bean Validation lacks, for the rules every Nori service validates input
 * with.
 */
@NullMarked
package dev.nori.servicedefaults.validation;

import org.jspecify.annotations.NullMarked;
