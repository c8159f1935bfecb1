package dev.nori.contracts.auth;

import java.time.Instant;
import java.util.UUID;

import dev.nori.contracts.event.EventType;
import dev.nori.contracts.event.Topics;

/**
 * A user registered with email and password (not yet verified), or was imported by an
 * administrator.
 *
 * @param userId the new user's id
 * @param email the address as entered
 * @param displayName the name shown to others
 * @param registeredAt when
 */
public record UserRegistered(UUID userId, String email, String displayName, Instant registeredAt) {

	/** The event type. */
	public static final EventType<UserRegistered> TYPE = EventType.of("nori.auth.user.registered.v1", Topics.AUTH_USERS,
			UserRegistered.class);

}
