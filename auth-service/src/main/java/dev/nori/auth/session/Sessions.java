package dev.nori.auth.session;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.nori.auth.revocation.Revocations.RevokedToken;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads and writes sessions and their refresh tokens.
 */
@Component
class Sessions {

	private final JdbcClient jdbc;

	Sessions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void create(SessionRecord session) {
		this.jdbc.sql("""
				insert into sessions (id, user_id, user_agent, client_ip, created_at, last_used_at, expires_at)
				values (?, ?, ?, ?, ?, ?, ?)
				""")
			.params(session.id(), session.userId(), session.userAgent(), session.clientIp(),
					Timestamp.from(session.createdAt()), Timestamp.from(session.lastUsedAt()),
					Timestamp.from(session.expiresAt()))
			.update();
	}

	void addRefreshToken(byte[] hash, UUID sessionId, Instant issuedAt, Instant expiresAt, RevokedToken access) {
		this.jdbc
			.sql("""
					insert into refresh_tokens (token_hash, session_id, issued_at, expires_at, access_token_id, access_expires_at)
					values (?, ?, ?, ?, ?, ?)
					""")
			.params(hash, sessionId, Timestamp.from(issuedAt), Timestamp.from(expiresAt), access.tokenId(),
					Timestamp.from(access.expiresAt()))
			.update();
	}

	Optional<PresentedRefreshToken> lockRefreshToken(byte[] hash) {
		return this.jdbc
			.sql("""
					select t.session_id, t.expires_at, t.used_at, s.user_id, s.expires_at as session_expires_at, s.revoked_at
					from refresh_tokens t join sessions s on s.id = t.session_id
					where t.token_hash = ? for update of t, s
					""")
			.param(hash)
			.query((rs, row) -> {
				Timestamp used = rs.getTimestamp("used_at");
				return new PresentedRefreshToken(rs.getObject("session_id", UUID.class),
						rs.getObject("user_id", UUID.class), rs.getTimestamp("expires_at").toInstant(),
						(used != null) ? used.toInstant() : null, rs.getTimestamp("session_expires_at").toInstant(),
						rs.getTimestamp("revoked_at") != null);
			})
			.optional();
	}

	void markUsed(byte[] hash, Instant now) {
		this.jdbc.sql("update refresh_tokens set used_at = ? where token_hash = ? and used_at is null")
			.params(Timestamp.from(now), hash)
			.update();
	}

	void touch(UUID sessionId, Instant now) {
		this.jdbc.sql("update sessions set last_used_at = ? where id = ?")
			.params(Timestamp.from(now), sessionId)
			.update();
	}

	/**
	 * Ends every session of a user; their access tokens are covered by the user's
	 * cut-off.
	 */
	void revokeAll(UUID userId, String reason, Instant now) {
		this.jdbc.sql("update sessions set revoked_at = ?, revoked_reason = ? where user_id = ? and revoked_at is null")
			.params(Timestamp.from(now), reason, userId)
			.update();
	}

	/**
	 * Revokes a session and returns the access tokens issued in it that have not expired.
	 */
	List<RevokedToken> revoke(UUID userId, UUID sessionId, String reason, Instant now) {
		this.jdbc.sql("""
				update sessions set revoked_at = ?, revoked_reason = ?
				where id = ? and user_id = ? and revoked_at is null
				""").params(Timestamp.from(now), reason, sessionId, userId).update();
		// every unexpired token of the session, also when it was revoked earlier: a
		// retried logout writes the revocations again
		return this.jdbc.sql("""
				select t.access_token_id, t.access_expires_at from refresh_tokens t
				where t.session_id = ? and t.access_expires_at > ?
				""")
			.params(sessionId, Timestamp.from(now))
			.query((rs, row) -> new RevokedToken(rs.getObject("access_token_id", UUID.class),
					rs.getTimestamp("access_expires_at").toInstant()))
			.list();
	}

	List<SessionRecord> active(UUID userId, Instant now) {
		return this.jdbc.sql("""
				select id, user_id, user_agent, client_ip, created_at, last_used_at, expires_at from sessions
				where user_id = ? and revoked_at is null and expires_at > ? order by last_used_at desc
				""")
			.params(userId, Timestamp.from(now))
			.query((rs, row) -> new SessionRecord(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
					rs.getString("user_agent"), rs.getString("client_ip"), rs.getTimestamp("created_at").toInstant(),
					rs.getTimestamp("last_used_at").toInstant(), rs.getTimestamp("expires_at").toInstant()))
			.list();
	}

	boolean belongsTo(UUID sessionId, UUID userId) {
		return this.jdbc.sql("select count(*) from sessions where id = ? and user_id = ?")
			.params(sessionId, userId)
			.query(Long.class)
			.single() > 0;
	}

	record SessionRecord(UUID id, UUID userId, @Nullable String userAgent, @Nullable String clientIp, Instant createdAt,
			Instant lastUsedAt, Instant expiresAt) {
	}

	record PresentedRefreshToken(UUID sessionId, UUID userId, Instant expiresAt, @Nullable Instant usedAt,
			Instant sessionExpiresAt, boolean sessionRevoked) {
	}

}
