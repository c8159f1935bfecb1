package dev.nori.auth.account;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.nori.auth.session.SecretTokens;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Single-use, expiring tokens for email verification and password reset, stored hashed.
 */
@Component
class OneTimeTokens {

	static final String VERIFY_EMAIL = "verify-email";

	static final String RESET_PASSWORD = "reset-password";

	private final JdbcClient jdbc;

	OneTimeTokens(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	String issue(UUID userId, String purpose, Instant now, Instant expiresAt) {
		// a new link replaces the earlier ones
		this.jdbc.sql("update one_time_tokens set used_at = ? where user_id = ? and purpose = ? and used_at is null")
			.params(Timestamp.from(now), userId, purpose)
			.update();
		String token = SecretTokens.generate();
		this.jdbc.sql(
				"insert into one_time_tokens (token_hash, purpose, user_id, expires_at, created_at) values (?, ?, ?, ?, ?)")
			.params(SecretTokens.hash(token), purpose, userId, Timestamp.from(expiresAt), Timestamp.from(now))
			.update();
		return token;
	}

	/**
	 * Uses a token: succeeds once, while it has not expired.
	 * @return the user it was issued for
	 */
	Optional<UUID> consume(String token, String purpose, Instant now) {
		return this.jdbc
			.sql("""
					update one_time_tokens set used_at = ? where token_hash = ? and purpose = ? and used_at is null and expires_at > ?
					returning user_id
					""")
			.params(Timestamp.from(now), SecretTokens.hash(token), purpose, Timestamp.from(now))
			.query(UUID.class)
			.optional();
	}

}
