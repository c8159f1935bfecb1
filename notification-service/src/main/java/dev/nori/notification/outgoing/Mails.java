package dev.nori.notification.outgoing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The sent-mail log in PostgreSQL.
 */
@Repository
class Mails {

	private static final String COLUMNS = "id, event_id, template, recipient, subject, html, text, state, attempts,"
			+ " next_attempt_at, last_error, created_at, sent_at";

	private final JdbcClient jdbc;

	Mails(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Adds a mail unless one for the same event and recipient (or the same requester and
	 * idempotency key) exists; returns the new mail, or the existing one.
	 */
	OutgoingMail insert(OutgoingMail mail, @Nullable String idempotencyKey, @Nullable String requestedBy) {
		int inserted = this.jdbc.sql("""
				insert into mails (id, event_id, idempotency_key, requested_by, template, recipient, subject, html,
				                   text, state, attempts, next_attempt_at, created_at, updated_at)
				values (:id, :eventId, :key, :requestedBy, :template, :recipient, :subject, :html, :text, :state, 0,
				        :at, :at, :at)
				on conflict do nothing
				""")
			.param("id", mail.id())
			.param("eventId", mail.eventId())
			.param("key", idempotencyKey)
			.param("requestedBy", requestedBy)
			.param("template", mail.template())
			.param("recipient", mail.recipient())
			.param("subject", mail.subject())
			.param("html", mail.html())
			.param("text", mail.text())
			.param("state", mail.state().value())
			.param("at", Timestamp.from(mail.createdAt()))
			.update();
		if (inserted == 1) {
			return mail;
		}
		return this.jdbc
			.sql("select " + COLUMNS + " from mails where (event_id = :eventId and recipient = :recipient)"
					+ " or (requested_by = :requestedBy and idempotency_key = :key)")
			.param("eventId", mail.eventId())
			.param("recipient", mail.recipient())
			.param("requestedBy", requestedBy)
			.param("key", idempotencyKey)
			.query(Mails::read)
			.single();
	}

	/**
	 * Takes due mail for one attempt: the attempt is counted and the mail hidden from
	 * other senders for the lease, so a sender that dies mid-send leaves it to another
	 * once the lease is over.
	 */
	List<OutgoingMail> claimDue(int limit, Instant now, Duration lease) {
		return this.jdbc.sql("""
				update mails set attempts = attempts + 1, next_attempt_at = :leaseEnd, updated_at = :now
				where id in (select id from mails where state = 'pending' and next_attempt_at <= :now
				             order by next_attempt_at limit :limit for update skip locked)
				returning\s""" + COLUMNS)
			.param("now", Timestamp.from(now))
			.param("leaseEnd", Timestamp.from(now.plus(lease)))
			.param("limit", limit)
			.query(Mails::read)
			.list();
	}

	void sent(UUID id, Instant now) {
		this.jdbc
			.sql("update mails set state = 'sent', sent_at = :now, updated_at = :now, last_error = null"
					+ " where id = :id and state = 'pending'")
			.param("id", id)
			.param("now", Timestamp.from(now))
			.update();
	}

	void retryAt(UUID id, String error, Instant next, Instant now) {
		this.jdbc
			.sql("update mails set last_error = :error, next_attempt_at = :next, updated_at = :now"
					+ " where id = :id and state = 'pending'")
			.param("id", id)
			.param("error", error)
			.param("next", Timestamp.from(next))
			.param("now", Timestamp.from(now))
			.update();
	}

	void finish(UUID id, MailState state, @Nullable String error, Instant now) {
		this.jdbc
			.sql("update mails set state = :state, last_error = coalesce(:error, last_error), updated_at = :now"
					+ " where id = :id and state = 'pending'")
			.param("id", id)
			.param("state", state.value())
			.param("error", error)
			.param("now", Timestamp.from(now))
			.update();
	}

	Optional<OutgoingMail> find(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from mails where id = ?").param(id).query(Mails::read).optional();
	}

	List<OutgoingMail> list(@Nullable MailState state, @Nullable String recipient, int limit) {
		return this.jdbc
			.sql("select " + COLUMNS + " from mails where (cast(:state as text) is null or state = :state)"
					+ " and (cast(:recipient as text) is null or recipient = :recipient)"
					+ " order by created_at desc limit :limit")
			.param("state", (state != null) ? state.value() : null)
			.param("recipient", recipient)
			.param("limit", limit)
			.query(Mails::read)
			.list();
	}

	/** Puts a dead mail back in line, with a fresh set of attempts. */
	boolean revive(UUID id, Instant now) {
		return this.jdbc
			.sql("update mails set state = 'pending', attempts = 0, next_attempt_at = :now, updated_at = :now"
					+ " where id = :id and state = 'dead'")
			.param("id", id)
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	private static OutgoingMail read(ResultSet row, int number) throws SQLException {
		Timestamp sentAt = row.getTimestamp("sent_at");
		return new OutgoingMail(row.getObject("id", UUID.class), row.getObject("event_id", UUID.class),
				row.getString("template"), row.getString("recipient"), row.getString("subject"), row.getString("html"),
				row.getString("text"), MailState.of(row.getString("state")), row.getInt("attempts"),
				row.getTimestamp("next_attempt_at").toInstant(), row.getString("last_error"),
				row.getTimestamp("created_at").toInstant(), (sentAt != null) ? sentAt.toInstant() : null);
	}

}
