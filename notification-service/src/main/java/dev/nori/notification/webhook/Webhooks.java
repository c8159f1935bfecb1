package dev.nori.notification.webhook;

import java.net.URI;
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
import org.springframework.stereotype.Repository;

/**
 * Endpoints and their delivery log in PostgreSQL.
 */
@Repository
class Webhooks {

	private static final String ENDPOINT = "id, owner_id, owner_email, owner_admin, url, event_types, secret, enabled,"
			+ " consecutive_failures, disabled_reason, created_at";

	private static final String DELIVERY = "id, endpoint_id, event_id, event_type, message_id, body, redelivery_of,"
			+ " state, attempts, last_error, latency_ms, job_id, created_at, updated_at";

	private final JdbcClient jdbc;

	Webhooks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Endpoint endpoint) {
		this.jdbc.sql("""
				insert into webhook_endpoints (id, owner_id, owner_email, owner_admin, url, event_types, secret,
				                               enabled, created_at, updated_at)
				values (:id, :owner, :email, :admin, :url, :types, :secret, true, :at, :at)
				""")
			.param("id", endpoint.id())
			.param("owner", endpoint.ownerId())
			.param("email", endpoint.ownerEmail())
			.param("admin", endpoint.ownerAdmin())
			.param("url", endpoint.url().toString())
			.param("types", endpoint.eventTypes().toArray(String[]::new))
			.param("secret", endpoint.secret())
			.param("at", Timestamp.from(endpoint.createdAt()))
			.update();
	}

	int countOwnedBy(String ownerId) {
		return this.jdbc.sql("select count(*) from webhook_endpoints where owner_id = ?")
			.param(ownerId)
			.query(Integer.class)
			.single();
	}

	Optional<Endpoint> find(UUID id) {
		return this.jdbc.sql("select " + ENDPOINT + " from webhook_endpoints where id = ?")
			.param(id)
			.query(Webhooks::endpoint)
			.optional();
	}

	/** Locks an endpoint for a change of its failure count or state. */
	Optional<Endpoint> lock(UUID id) {
		return this.jdbc.sql("select " + ENDPOINT + " from webhook_endpoints where id = ? for update")
			.param(id)
			.query(Webhooks::endpoint)
			.optional();
	}

	List<Endpoint> list(@Nullable String ownerId) {
		return this.jdbc
			.sql("select " + ENDPOINT
					+ " from webhook_endpoints where cast(:owner as text) is null or owner_id = :owner"
					+ " order by created_at")
			.param("owner", ownerId)
			.query(Webhooks::endpoint)
			.list();
	}

	List<Endpoint> subscribedTo(String eventType) {
		return this.jdbc
			.sql("select " + ENDPOINT + " from webhook_endpoints where enabled and event_types @> array[?]::text[]")
			.param(eventType)
			.query(Webhooks::endpoint)
			.list();
	}

	boolean delete(UUID id) {
		return this.jdbc.sql("delete from webhook_endpoints where id = ?").param(id).update() == 1;
	}

	void setFailures(UUID id, int failures, boolean enabled, @Nullable String disabledReason, Instant now) {
		this.jdbc
			.sql("update webhook_endpoints set consecutive_failures = ?, enabled = ?, disabled_reason = ?,"
					+ " updated_at = ? where id = ?")
			.params(failures, enabled, disabledReason, Timestamp.from(now), id)
			.update();
	}

	/** Records a delivery unless the event already went to the endpoint. */
	boolean insert(Delivery delivery) {
		return this.jdbc.sql("""
				insert into webhook_deliveries (id, endpoint_id, event_id, event_type, message_id, body, redelivery_of,
				                                state, attempts, created_at, updated_at)
				values (:id, :endpoint, :event, :type, :message, :body, :redeliveryOf, 'pending', 0, :at, :at)
				on conflict do nothing
				""")
			.param("id", delivery.id())
			.param("endpoint", delivery.endpointId())
			.param("event", delivery.eventId())
			.param("type", delivery.eventType())
			.param("message", delivery.messageId())
			.param("body", delivery.body())
			.param("redeliveryOf", delivery.redeliveryOf())
			.param("at", Timestamp.from(delivery.createdAt()))
			.update() == 1;
	}

	Optional<Delivery> delivery(UUID id) {
		return this.jdbc.sql("select " + DELIVERY + " from webhook_deliveries where id = ?")
			.param(id)
			.query(Webhooks::delivery)
			.optional();
	}

	List<Delivery> deliveries(UUID endpointId, int limit) {
		return this.jdbc
			.sql("select " + DELIVERY + " from webhook_deliveries where endpoint_id = ? order by created_at desc"
					+ " limit ?")
			.params(endpointId, limit)
			.query(Webhooks::delivery)
			.list();
	}

	/**
	 * Records an attempt's outcome; an outcome older than what is recorded (events of one
	 * job arrive in order, but a redelivered one may repeat) changes nothing.
	 */
	boolean recordAttempt(UUID id, UUID jobId, String state, int attempt, @Nullable String error,
			@Nullable Long latencyMillis, Instant now) {
		return this.jdbc.sql("""
				update webhook_deliveries set state = :state, attempts = :attempt, last_error = :error,
				       latency_ms = coalesce(:latency, latency_ms), job_id = :job, updated_at = :now
				where id = :id and attempts <= :attempt and state not in ('succeeded', 'dead')
				""")
			.param("id", id)
			.param("job", jobId)
			.param("state", state)
			.param("attempt", attempt)
			.param("error", error)
			.param("latency", latencyMillis)
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	private static Endpoint endpoint(ResultSet row, int number) throws SQLException {
		Array types = row.getArray("event_types");
		return new Endpoint(row.getObject("id", UUID.class), row.getString("owner_id"), row.getString("owner_email"),
				row.getBoolean("owner_admin"), URI.create(row.getString("url")),
				Arrays.asList((String[]) types.getArray()), row.getString("secret"), row.getBoolean("enabled"),
				row.getInt("consecutive_failures"), row.getString("disabled_reason"),
				row.getTimestamp("created_at").toInstant());
	}

	private static Delivery delivery(ResultSet row, int number) throws SQLException {
		return new Delivery(row.getObject("id", UUID.class), row.getObject("endpoint_id", UUID.class),
				row.getObject("event_id", UUID.class), row.getString("event_type"), row.getString("message_id"),
				row.getString("body"), row.getObject("redelivery_of", UUID.class), row.getString("state"),
				row.getInt("attempts"), row.getString("last_error"), row.getObject("latency_ms", Long.class),
				row.getObject("job_id", UUID.class), row.getTimestamp("created_at").toInstant(),
				row.getTimestamp("updated_at").toInstant());
	}

}
