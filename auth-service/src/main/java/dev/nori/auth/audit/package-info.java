/**
 * The audit trail: audit records from every service, stored as they arrive on
 * {@code nori.audit}.
 */
@NullMarked
package dev.nori.auth.audit;

import org.jspecify.annotations.NullMarked;
