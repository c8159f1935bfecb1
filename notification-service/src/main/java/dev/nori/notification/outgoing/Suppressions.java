package dev.nori.notification.outgoing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The suppression list: addresses no mail goes to. Addresses are compared in lower case.
 */
@Repository
public class Suppressions {

	private final JdbcClient jdbc;

	Suppressions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Tells whether an address is suppressed.
	 * @param email the address
	 * @return whether no mail may go to it
	 */
	public boolean contains(String email) {
		return this.jdbc.sql("select exists (select 1 from suppressions where email = ?)")
			.param(normalized(email))
			.query(Boolean.class)
			.single();
	}

	/**
	 * Suppresses an address; a second call keeps the first reason.
	 * @param email the address
	 * @param reason {@code bounce}, {@code unsubscribe} or {@code manual}
	 * @param detail what happened
	 * @param now the time
	 * @return whether it was not suppressed before
	 */
	public boolean add(String email, String reason, @Nullable String detail, Instant now) {
		return this.jdbc
			.sql("insert into suppressions (email, reason, detail, created_at) values (?, ?, ?, ?)"
					+ " on conflict do nothing")
			.params(normalized(email), reason, detail, Timestamp.from(now))
			.update() == 1;
	}

	/**
	 * Lifts a suppression.
	 * @param email the address
	 * @return whether it was suppressed
	 */
	public boolean remove(String email) {
		return this.jdbc.sql("delete from suppressions where email = ?").param(normalized(email)).update() == 1;
	}

	/**
	 * Lists suppressed addresses, newest first.
	 * @param limit the most to return
	 * @return the suppressions
	 */
	public List<Suppression> list(int limit) {
		return this.jdbc
			.sql("select email, reason, detail, created_at from suppressions order by created_at desc limit ?")
			.param(limit)
			.query((row, number) -> new Suppression(row.getString("email"), row.getString("reason"),
					row.getString("detail"), row.getTimestamp("created_at").toInstant()))
			.list();
	}

	static String normalized(String email) {
		return email.strip().toLowerCase(Locale.ROOT);
	}

	/**
	 * One suppressed address.
	 *
	 * @param email the address
	 * @param reason why
	 * @param detail what happened
	 * @param createdAt since when
	 */
	public record Suppression(String email, String reason, @Nullable String detail, Instant createdAt) {
	}

}
