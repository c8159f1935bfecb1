package dev.nori.auth.audit;

import java.sql.Timestamp;

import dev.nori.contracts.audit.AuditRecorded;
import dev.nori.contracts.event.EventEnvelope;
import dev.nori.contracts.event.EventType;
import dev.nori.eventing.inbox.EventHandler;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stores each audit record once: keyed by its event id, so a record redelivered past the
 * inbox (or replayed) never doubles.
 */
@Component
class AuditRecordedHandler implements EventHandler<AuditRecorded> {

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
		this.jdbc
			.sql("""
					insert into audit_log (event_id, service, action, target, actor, client_ip, request_id, details, occurred_at)
					values (:id, :service, :action, :target, :actor, :clientIp, :requestId, cast(:details as jsonb), :occurredAt)
					on conflict (event_id) do nothing
					""")
			.param("id", event.id())
			.param("service", record.service())
			.param("action", record.action())
			.param("target", record.target())
			.param("actor", record.actor())
			.param("clientIp", record.clientIp())
			.param("requestId", record.requestId())
			.param("details", this.json.writeValueAsString(record.details()))
			.param("occurredAt", Timestamp.from(record.occurredAt()))
			.update();
	}

}
