package dev.nori.contracts.auth;

import java.time.Instant;
import java.util.UUID;

import dev.nori.contracts.event.EventType;
import dev.nori.contracts.event.Topics;

/**
 * A user's password was changed or reset; every earlier token was revoked.
 *
 * @param userId the user
 * @param email the user's address, to tell them
 * @param changedAt when
 */
public record PasswordChanged(UUID userId, String email, Instant changedAt) {

	/** The event type. */
	public static final EventType<PasswordChanged> TYPE = EventType.of("nori.auth.user.password-changed.v1",
			Topics.AUTH_USERS, PasswordChanged.class);

}
