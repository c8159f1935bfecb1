package dev.nori.auth.audit;

import java.sql.Timestamp;
import java.time.temporal.ChronoUnit;

import dev.nori.contracts.audit.AuditRecorded;
import dev.nori.contracts.event.EventEnvelope;
import dev.nori.contracts.event.EventType;
import dev.nori.eventing.inbox.EventHandler;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stores each audit record once (keyed by its event id, so a record redelivered past the
 * inbox never doubles) and links it into the hash chain. Appending takes a lock so that
 * instances and partitions append one at a time.
 */
@Component
class AuditRecordedHandler implements EventHandler<AuditRecorded> {

	private static final long CHAIN_LOCK = 0x6e6f72692d617564L;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	AuditRecordedHandler(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	@Override
	public EventType<AuditRecorded> eventType() {
		return AuditRecorded.TYPE;
	}

	@Override
	public void handle(EventEnvelope<AuditRecorded> event) {
		AuditRecorded record = event.data();
		this.jdbc.sql("select pg_advisory_xact_lock(?)").param(CHAIN_LOCK).query().singleRow();
		boolean known = this.jdbc.sql("select count(*) from audit_log where event_id = ?")
			.param(event.id())
			.query(Long.class)
			.single() > 0;
		if (known) {
			return;
		}
		var last = this.jdbc.sql("select seq, hash from audit_log where seq is not null order by seq desc limit 1")
			.query((rs, row) -> new Object[] { rs.getLong("seq"), rs.getBytes("hash") })
			.optional();
		long seq = last.map((values) -> (long) values[0] + 1).orElse(1L);
		byte[] previous = last.map((values) -> (byte[]) values[1]).orElse(AuditChain.GENESIS);
		String outcome = (record.outcome() != null) ? record.outcome() : "success";
		var occurredAt = record.occurredAt().truncatedTo(ChronoUnit.MICROS);
		byte[] hash = AuditChain.link(previous,
				new AuditChain.Entry(seq, event.id(), record.service(), record.action(), record.target(),
						record.actor(), record.clientIp(), record.userAgent(), record.requestId(), outcome,
						record.details(), occurredAt));
		this.jdbc.sql("""
				insert into audit_log (event_id, seq, service, action, target, actor, client_ip, user_agent, request_id,
				  outcome, details, occurred_at, prev_hash, hash)
				values (:id, :seq, :service, :action, :target, :actor, :clientIp, :userAgent, :requestId,
				  :outcome, cast(:details as jsonb), :occurredAt, :prev, :hash)
				""")
			.param("id", event.id())
			.param("seq", seq)
			.param("service", record.service())
			.param("action", record.action())
			.param("target", record.target())
			.param("actor", record.actor())
			.param("clientIp", record.clientIp())
			.param("userAgent", record.userAgent())
			.param("requestId", record.requestId())
			.param("outcome", outcome)
			.param("details", this.json.writeValueAsString(record.details()))
			.param("occurredAt", Timestamp.from(occurredAt))
			.param("prev", previous)
			.param("hash", hash)
			.update();
	}

}
