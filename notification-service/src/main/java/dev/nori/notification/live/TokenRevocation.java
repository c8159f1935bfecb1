package dev.nori.notification.live;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Access that auth-service took back: one session of a user, or every token the user was
 * issued before a moment (logout everywhere, a password change, disabling, a change of
 * permissions), applied to connections that outlive their first request. The gateway
 * applies the same cut-off to each request, except after a change to a role's
 * permissions, which it does not treat as a revocation; ending the connection then only
 * makes the client connect again.
 *
 * @param userId the user
 * @param sessionId the one session ended, or {@code null} for all tokens issued before
 * {@code validAfter}
 * @param validAfter tokens issued before this are cut off: the second after the change,
 * as auth-service's cut-off (token times have whole seconds)
 */
record TokenRevocation(String userId, @Nullable String sessionId, Instant validAfter) {

	// from an event's fields, which a producer may have left out
	static Optional<TokenRevocation> of(@Nullable UUID userId, @Nullable UUID sessionId, @Nullable Instant at) {
		if (userId == null || at == null) {
			return Optional.empty();
		}
		return Optional.of(new TokenRevocation(userId.toString(), (sessionId != null) ? sessionId.toString() : null,
				Instant.ofEpochSecond(at.getEpochSecond() + 1)));
	}

	boolean cutsOff(Viewer viewer, @Nullable String tokenSession, @Nullable Instant issuedAt) {
		if (!this.userId.equals(viewer.userId())) {
			return false;
		}
		if (this.sessionId != null) {
			return this.sessionId.equals(tokenSession);
		}
		return issuedAt == null || issuedAt.isBefore(this.validAfter);
	}

}
