package dev.nori.auth.apikey;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads and writes API keys.
 */
@Component
class ApiKeys {

	private static final String COLUMNS = "id, user_id, name, hint, scopes, created_at, expires_at, revoked_at, last_used_at";

	private final JdbcClient jdbc;

	ApiKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(ApiKey key, byte[] hash) {
		this.jdbc.sql("""
				insert into api_keys (id, user_id, name, hint, key_hash, scopes, created_at, expires_at)
				values (?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(key.id(), key.userId(), key.name(), key.hint(), hash, key.scopes().toArray(String[]::new),
					Timestamp.from(key.createdAt()), Timestamp.from(key.expiresAt()))
			.update();
	}

	Optional<ApiKey> findUsable(byte[] hash, Instant now) {
		return this.jdbc
			.sql("select " + COLUMNS + " from api_keys where key_hash = ? and revoked_at is null and expires_at > ?")
			.params(hash, Timestamp.from(now))
			.query(ApiKeys::map)
			.optional();
	}

	List<ApiKey> ofUser(UUID userId) {
		return this.jdbc.sql("select " + COLUMNS + " from api_keys where user_id = ? order by created_at desc")
			.param(userId)
			.query(ApiKeys::map)
			.list();
	}

	boolean revoke(UUID id, UUID userId, Instant now) {
		return this.jdbc.sql("update api_keys set revoked_at = coalesce(revoked_at, ?) where id = ? and user_id = ?")
			.params(Timestamp.from(now), id, userId)
			.update() == 1;
	}

	// one write a minute per key at most: the exchange is on the hot path
	void touch(UUID id, Instant now) {
		this.jdbc.sql("""
				update api_keys set last_used_at = ? where id = ?
				and (last_used_at is null or last_used_at < cast(? as timestamptz) - interval '1 minute')
				""").params(Timestamp.from(now), id, Timestamp.from(now)).update();
	}

	private static ApiKey map(ResultSet rs, int row) throws SQLException {
		Array scopes = rs.getArray("scopes");
		return new ApiKey(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class), rs.getString("name"),
				rs.getString("hint"), List.copyOf(Arrays.asList((String[]) scopes.getArray())),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
				instant(rs.getTimestamp("revoked_at")), instant(rs.getTimestamp("last_used_at")));
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/**
	 * An API key as stored, without its secret.
	 */
	record ApiKey(UUID id, UUID userId, String name, String hint, List<String> scopes, Instant createdAt,
			Instant expiresAt, @Nullable Instant revokedAt, @Nullable Instant lastUsedAt) {
	}

}
