package dev.nori.contracts.auth;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.nori.contracts.event.EventType;
import dev.nori.contracts.event.Topics;

/**
 * A user's roles or the permissions of one of their roles changed; the new set applies
 * from the next request.
 *
 * @param userId the user
 * @param roles the user's roles now
 * @param permissions the user's permissions now
 * @param changedAt when
 */
public record PermissionsChanged(UUID userId, List<String> roles, List<String> permissions, Instant changedAt) {

	public PermissionsChanged {
		roles = List.copyOf(roles);
		permissions = List.copyOf(permissions);
	}

	/** The event type. */
	public static final EventType<PermissionsChanged> TYPE = EventType.of("nori.auth.user.permissions-changed.v1",
			Topics.AUTH_USERS, PermissionsChanged.class);

}
