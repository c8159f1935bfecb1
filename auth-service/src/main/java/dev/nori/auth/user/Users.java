package dev.nori.auth.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads and writes users.
 */
@Component
public class Users {

	private static final String COLUMNS = "id, email, display_name, password_hash, email_verified, disabled, tokens_valid_after, created_at";

	private final JdbcClient jdbc;

	private final Clock clock;

	Users(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Finds a user by address, in any letter case.
	 * @param email the address
	 * @return the user, if one has it
	 */
	public Optional<User> findByEmail(String email) {
		return this.jdbc.sql("select " + COLUMNS + " from users where email_key = ?")
			.param(User.key(email))
			.query(Users::map)
			.optional();
	}

	/**
	 * Finds a user.
	 * @param id the user's id
	 * @return the user, if it exists
	 */
	public Optional<User> find(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from users where id = ?").param(id).query(Users::map).optional();
	}

	/**
	 * Finds a user and locks the row until the transaction ends.
	 * @param id the user's id
	 * @return the user, if it exists
	 */
	public Optional<User> lock(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from users where id = ? for update")
			.param(id)
			.query(Users::map)
			.optional();
	}

	/**
	 * Lists users, newest first.
	 * @param emailContains part of the address to filter by, or {@code null}
	 * @param limit the page size
	 * @param offset how many to skip
	 * @return the page
	 */
	public List<User> list(@Nullable String emailContains, int limit, int offset) {
		return this.jdbc.sql("select " + COLUMNS
				+ " from users where (cast(:q as text) is null or strpos(email_key, lower(cast(:q as text))) > 0) order by created_at desc, id limit :limit offset :offset")
			.param("q", emailContains)
			.param("limit", limit)
			.param("offset", offset)
			.query(Users::map)
			.list();
	}

	/**
	 * Creates a user unless the address is taken.
	 * @param user the new user
	 * @return whether it was created
	 */
	public boolean insert(User user) {
		return this.jdbc
			.sql("""
					insert into users (id, email, email_key, display_name, password_hash, email_verified, disabled, created_at, updated_at)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (email_key) do nothing
					""")
			.params(user.id(), user.email(), User.key(user.email()), user.displayName(), user.passwordHash(),
					user.emailVerified(), user.disabled(), Timestamp.from(user.createdAt()),
					Timestamp.from(user.createdAt()))
			.update() == 1;
	}

	/**
	 * Replaces a user's password hash.
	 * @param id the user
	 * @param hash the new hash
	 */
	public void updatePasswordHash(UUID id, String hash) {
		this.jdbc.sql("update users set password_hash = ?, updated_at = ? where id = ?")
			.params(hash, now(), id)
			.update();
	}

	/**
	 * Marks a user's address as verified.
	 * @param id the user
	 */
	public void markVerified(UUID id) {
		this.jdbc.sql("update users set email_verified = true, updated_at = ? where id = ?").params(now(), id).update();
	}

	/**
	 * Disables or enables a user.
	 * @param id the user
	 * @param disabled the new state
	 */
	public void setDisabled(UUID id, boolean disabled) {
		this.jdbc.sql("update users set disabled = ?, updated_at = ? where id = ?")
			.params(disabled, now(), id)
			.update();
	}

	/**
	 * Sets a user's revocation cut-off.
	 * @param id the user
	 * @param cutoff tokens issued before it are revoked
	 */
	public void setTokensValidAfter(UUID id, Instant cutoff) {
		this.jdbc.sql("update users set tokens_valid_after = ?, updated_at = ? where id = ?")
			.params(Timestamp.from(cutoff), now(), id)
			.update();
	}

	private Timestamp now() {
		return Timestamp.from(this.clock.instant());
	}

	private static User map(ResultSet rs, int row) throws SQLException {
		Timestamp cutoff = rs.getTimestamp("tokens_valid_after");
		return new User(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("display_name"),
				rs.getString("password_hash"), rs.getBoolean("email_verified"), rs.getBoolean("disabled"),
				(cutoff != null) ? cutoff.toInstant() : null, rs.getTimestamp("created_at").toInstant());
	}

}
