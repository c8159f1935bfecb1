/**
 * Audit records that every service publishes and auth-service stores.
 */
@NullMarked
package dev.nori.contracts.audit;

import org.jspecify.annotations.NullMarked;
