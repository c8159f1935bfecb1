package dev.nori.content.author;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The authors table: display names shown with content; email addresses kept for the
 * service's own use and never returned.
 */
@Component
public class Authors {

	private final JdbcClient jdbc;

	private final Clock clock;

	Authors(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Makes sure the caller is known as an author before they write, taking the name and
	 * address their token carries. A name learned from auth-service is not replaced by a
	 * fallback.
	 * @param caller the signed-in caller
	 * @return the caller's user id
	 */
	public String ensure(Caller caller) {
		String id = caller.requireUserId();
		if (caller.displayName() != null) {
			record(id, caller.displayName(), caller.email());
		}
		else {
			this.jdbc
				.sql("insert into authors (id, display_name, email, updated_at) values (?, ?, ?, ?) "
						+ "on conflict (id) do nothing")
				.params(id, fallbackName(id), caller.email(), Timestamp.from(this.clock.instant()))
				.update();
		}
		return id;
	}

	/**
	 * Records (or updates) an author's name and address.
	 * @param id the user id
	 * @param displayName the name shown with their content
	 * @param email their address, if known
	 */
	public void record(String id, String displayName, @Nullable String email) {
		this.jdbc
			.sql("insert into authors (id, display_name, email, updated_at) values (?, ?, ?, ?) "
					+ "on conflict (id) do update set display_name = excluded.display_name, "
					+ "email = coalesce(excluded.email, authors.email), updated_at = excluded.updated_at")
			.params(id, displayName, email, Timestamp.from(this.clock.instant()))
			.update();
	}

	/**
	 * Returns an author's display name.
	 * @param id the user id
	 * @return the name, if the author is known
	 */
	public Optional<String> displayName(String id) {
		return this.jdbc.sql("select display_name from authors where id = ?").param(id).query(String.class).optional();
	}

	private static String fallbackName(String id) {
		return "user-" + ((id.length() > 8) ? id.substring(0, 8) : id);
	}

}
