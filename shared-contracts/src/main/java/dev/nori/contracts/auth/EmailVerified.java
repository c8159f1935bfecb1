package dev.nori.contracts.auth;

import java.time.Instant;
import java.util.UUID;

import dev.nori.contracts.event.EventType;
import dev.nori.contracts.event.Topics;

/**
 * A user proved they own their address.
 *
 * @param userId the user
 * @param email the verified address
 * @param verifiedAt when
 */
public record EmailVerified(UUID userId, String email, Instant verifiedAt) {

	/** The event type. */
	public static final EventType<EmailVerified> TYPE = EventType.of("nori.auth.user.email-verified.v1",
			Topics.AUTH_USERS, EmailVerified.class);

}
