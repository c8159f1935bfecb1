package dev.nori.contracts.auth;

import java.time.Instant;
import java.util.UUID;

import dev.nori.contracts.event.EventType;
import dev.nori.contracts.event.Topics;

/**
 * A user's address needs verifying: notification-service mails the link. Carries the
 * single-use token, so it is never relayed outside the platform.
 *
 * @param userId the user
 * @param email where to send the mail
 * @param displayName how to greet
 * @param token the verification token, to put in the link
 * @param expiresAt when the token stops working
 */
public record EmailVerificationRequested(UUID userId, String email, String displayName, String token,
		Instant expiresAt) {

	/** The event type. */
	public static final EventType<EmailVerificationRequested> TYPE = EventType
		.of("nori.auth.user.verification-requested.v1", Topics.AUTH_USERS, EmailVerificationRequested.class);

}
