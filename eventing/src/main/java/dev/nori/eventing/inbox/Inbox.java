package dev.nori.eventing.inbox;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Remembers which events each handler applied.
 */
class Inbox {

	private final JdbcClient jdbc;

	Inbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records that a handler is applying an event, in the caller's transaction.
	 * @return whether this is the first time; {@code false} means the event was applied
	 * before
	 */
	boolean claim(String consumer, UUID eventId) {
		return this.jdbc
			.sql("insert into eventing.inbox (consumer, event_id) values (:consumer, :eventId) on conflict do nothing")
			.param("consumer", consumer)
			.param("eventId", eventId)
			.update() == 1;
	}

	int deleteHandledBefore(java.time.Instant cutoff) {
		return this.jdbc.sql("delete from eventing.inbox where processed_at < :cutoff")
			.param("cutoff", java.sql.Timestamp.from(cutoff))
			.update();
	}

}
