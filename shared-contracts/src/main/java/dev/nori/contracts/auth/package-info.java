/**
 * Events auth-service publishes on {@code nori.auth.users}, keyed by user id.
 * <p>
 * {@link dev.nori.contracts.auth.EmailVerificationRequested} and
 * {@link dev.nori.contracts.auth.PasswordResetRequested} carry a secret for the mail
 * notification-service sends: they must never be relayed to clients or webhooks.
 */
@NullMarked
package dev.nori.contracts.auth;

import org.jspecify.annotations.NullMarked;
