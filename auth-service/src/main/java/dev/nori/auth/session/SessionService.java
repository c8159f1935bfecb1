package dev.nori.auth.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.nori.auth.revocation.Revocations;
import dev.nori.auth.revocation.Revocations.RevokedToken;
import dev.nori.auth.role.Roles;
import dev.nori.auth.token.AccessTokenIssuer;
import dev.nori.auth.token.AccessTokenIssuer.IssuedAccessToken;
import dev.nori.auth.token.TokenProperties;
import dev.nori.auth.user.User;
import dev.nori.auth.user.Users;
import dev.nori.contracts.auth.TokensRevoked;
import dev.nori.eventing.outbox.Outbox;
import dev.nori.servicedefaults.audit.AuditLog;
import dev.nori.servicedefaults.audit.AuditLog.Outcome;
import dev.nori.servicedefaults.problem.ProblemException;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opens sessions, rotates their refresh tokens and revokes them.
 * <p>
 * A refresh token works once. Presented again within {@code refreshReuseGrace} (two tabs
 * refreshing at the same moment) it yields another pair; later, it is taken as stolen:
 * the whole session is revoked, its access tokens included.
 */
@Service
public class SessionService {

	private static final String INVALID_REFRESH = "The refresh token is invalid, expired or revoked. Log in again.";

	private final Sessions sessions;

	private final Users users;

	private final Roles roles;

	private final AccessTokenIssuer issuer;

	private final Revocations revocations;

	private final TokenProperties properties;

	private final Outbox outbox;

	private final AuditLog audit;

	private final TransactionTemplate transaction;

	private final Clock clock;

	SessionService(Sessions sessions, Users users, Roles roles, AccessTokenIssuer issuer, Revocations revocations,
			TokenProperties properties, Outbox outbox, AuditLog audit, TransactionTemplate transaction, Clock clock) {
		this.sessions = sessions;
		this.users = users;
		this.roles = roles;
		this.issuer = issuer;
		this.revocations = revocations;
		this.properties = properties;
		this.outbox = outbox;
		this.audit = audit;
		this.transaction = transaction;
		this.clock = clock;
	}

	/**
	 * Opens a session for a user who proved who they are.
	 * @param user the user
	 * @param client where the login came from
	 * @return the first token pair of the session
	 */
	public TokenPair open(User user, ClientInfo client) {
		return this.transaction.execute((status) -> {
			Instant now = this.clock.instant();
			UUID sessionId = UUID.randomUUID();
			this.sessions.create(new Sessions.SessionRecord(sessionId, user.id(), client.userAgent(), client.address(),
					now, now, now.plus(this.properties.sessionMaxAge())));
			return issuePair(user, sessionId, now.plus(this.properties.sessionMaxAge()), now);
		});
	}

	TokenPair refresh(String refreshToken) {
		byte[] hash = SecretTokens.hash(refreshToken);
		Instant now = this.clock.instant();
		RefreshOutcome outcome = this.transaction.execute((status) -> {
			Sessions.PresentedRefreshToken presented = this.sessions.lockRefreshToken(hash).orElse(null);
			if (presented == null || presented.sessionRevoked() || !presented.expiresAt().isAfter(now)
					|| !presented.sessionExpiresAt().isAfter(now)) {
				return RefreshOutcome.refused();
			}
			User user = this.users.find(presented.userId()).orElse(null);
			if (user == null || user.disabled()) {
				return RefreshOutcome.refused();
			}
			if (presented.usedAt() != null
					&& Duration.between(presented.usedAt(), now).compareTo(this.properties.refreshReuseGrace()) > 0) {
				List<RevokedToken> revoked = this.sessions.revoke(user.id(), presented.sessionId(),
						"refresh-token-reuse", now);
				this.outbox.append(TokensRevoked.TYPE, user.id().toString(),
						new TokensRevoked(user.id(), presented.sessionId(), "refresh-token-reuse", now));
				this.audit.audit("token.refresh-reused", "user:" + user.id(), Outcome.DENIED, user.id().toString(),
						Map.of("session", presented.sessionId().toString()));
				return RefreshOutcome.reused(revoked);
			}
			this.sessions.markUsed(hash, now);
			this.sessions.touch(presented.sessionId(), now);
			this.audit.audit("token.refreshed", "user:" + user.id(), Outcome.SUCCESS, user.id().toString(),
					Map.of("session", presented.sessionId().toString()));
			return RefreshOutcome.issued(issuePair(user, presented.sessionId(), presented.sessionExpiresAt(), now));
		});
		if (outcome.pair() != null) {
			return outcome.pair();
		}
		if (!outcome.revoked().isEmpty()) {
			this.revocations.revokeTokens(outcome.revoked());
		}
		throw ProblemException.unauthorized(INVALID_REFRESH);
	}

	/**
	 * Ends one session: its refresh tokens stop working and its access tokens are
	 * revoked.
	 * @param userId the session's user
	 * @param sessionId the session
	 * @param reason why, for the audit trail and the event
	 */
	public void revokeSession(UUID userId, UUID sessionId, String reason) {
		Instant now = this.clock.instant();
		List<RevokedToken> revoked = this.transaction.execute((status) -> {
			if (!this.sessions.belongsTo(sessionId, userId)) {
				throw ProblemException.notFound("There is no such session.");
			}
			List<RevokedToken> tokens = this.sessions.revoke(userId, sessionId, reason, now);
			this.outbox.append(TokensRevoked.TYPE, userId.toString(),
					new TokensRevoked(userId, sessionId, reason, now));
			this.audit.audit("session.revoked", "user:" + userId,
					Map.of("session", sessionId.toString(), "reason", reason));
			return tokens;
		});
		this.revocations.revokeTokens(revoked);
	}

	/**
	 * Ends every session of a user and revokes every token issued so far, inside the
	 * caller's transaction; call {@link #announceRevocation(UUID, Instant)} after it
	 * commits.
	 * @param userId the user
	 * @param reason why: {@code logout-all}, {@code password-changed}, {@code disabled}
	 * @return the cut-off to announce
	 */
	public Instant revokeAllInTransaction(UUID userId, String reason) {
		Instant now = this.clock.instant();
		// tokens with iat in this second may predate the change
		Instant cutoff = Instant.ofEpochSecond(now.getEpochSecond() + 1);
		this.sessions.revokeAll(userId, reason, now);
		this.users.setTokensValidAfter(userId, cutoff);
		this.outbox.append(TokensRevoked.TYPE, userId.toString(), new TokensRevoked(userId, null, reason, now));
		return cutoff;
	}

	/**
	 * Writes a user's cut-off where the gateway reads it.
	 * @param userId the user
	 * @param cutoff the cut-off from {@link #revokeAllInTransaction(UUID, String)}
	 */
	public void announceRevocation(UUID userId, Instant cutoff) {
		this.revocations.cutOff(userId, cutoff);
	}

	void logoutEverywhere(UUID userId) {
		Instant cutoff = this.transaction.execute((status) -> {
			Instant value = revokeAllInTransaction(userId, "logout-all");
			this.audit.audit("session.revoked-all", "user:" + userId, Map.of("reason", "logout-all"));
			return value;
		});
		announceRevocation(userId, cutoff);
	}

	List<Sessions.SessionRecord> list(UUID userId) {
		return this.sessions.active(userId, this.clock.instant());
	}

	private TokenPair issuePair(User user, UUID sessionId, Instant sessionExpiresAt, Instant now) {
		Roles.Grants grants = this.roles.grantsOf(user.id());
		IssuedAccessToken access = this.issuer.issue(new AccessTokenIssuer.Subject(user.id(), sessionId, grants.roles(),
				grants.permissions(), user.email(), user.emailVerified(), user.tokensValidAfter()));
		String refresh = SecretTokens.generate();
		Instant refreshExpires = now.plus(this.properties.refreshTokenTtl());
		if (refreshExpires.isAfter(sessionExpiresAt)) {
			refreshExpires = sessionExpiresAt;
		}
		this.sessions.addRefreshToken(SecretTokens.hash(refresh), sessionId, now, refreshExpires,
				new RevokedToken(access.tokenId(), access.expiresAt()));
		return new TokenPair(access.value(), refresh, "Bearer",
				Math.max(1, Duration.between(now, access.expiresAt()).toSeconds()));
	}

	private record RefreshOutcome(@Nullable TokenPair pair, List<RevokedToken> revoked) {

		static RefreshOutcome issued(TokenPair pair) {
			return new RefreshOutcome(pair, List.of());
		}

		static RefreshOutcome refused() {
			return new RefreshOutcome(null, List.of());
		}

		static RefreshOutcome reused(List<RevokedToken> revoked) {
			return new RefreshOutcome(null, revoked);
		}

	}

}
