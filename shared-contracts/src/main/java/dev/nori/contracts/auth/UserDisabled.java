package dev.nori.contracts.auth;

import java.time.Instant;
import java.util.UUID;

import dev.nori.contracts.event.EventType;
import dev.nori.contracts.event.Topics;

/**
 * An administrator disabled a user: their tokens are revoked and they cannot log in.
 *
 * @param userId the user
 * @param disabledAt when
 */
public record UserDisabled(UUID userId, Instant disabledAt) {

	/** The event type. */
	public static final EventType<UserDisabled> TYPE = EventType.of("nori.auth.user.disabled.v1", Topics.AUTH_USERS,
			UserDisabled.class);

}
