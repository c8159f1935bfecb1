package dev.nori.contracts.auth;

import java.time.Instant;
import java.util.UUID;

import dev.nori.contracts.event.EventType;
import dev.nori.contracts.event.Topics;
import org.jspecify.annotations.Nullable;

/**
 * Tokens of a user were revoked: one session (logout) or all of them (logout everywhere,
 * password change, disabling, reuse of a refresh token).
 *
 * @param userId the user
 * @param sessionId the one session revoked, or {@code null} for all of them
 * @param reason why, for example {@code logout} or {@code refresh-token-reuse}
 * @param revokedAt when
 */
public record TokensRevoked(UUID userId, @Nullable UUID sessionId, String reason, Instant revokedAt) {

	/** The event type. */
	public static final EventType<TokensRevoked> TYPE = EventType.of("nori.auth.user.tokens-revoked.v1",
			Topics.AUTH_USERS, TokensRevoked.class);

}
