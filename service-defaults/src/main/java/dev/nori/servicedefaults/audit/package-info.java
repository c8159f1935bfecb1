/**
 * Fire-and-forget audit records published through the outbox.
 */
@NullMarked
package dev.nori.servicedefaults.audit;

import org.jspecify.annotations.NullMarked;
