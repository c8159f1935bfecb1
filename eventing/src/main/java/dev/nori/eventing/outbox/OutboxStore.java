package dev.nori.eventing.outbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox table. Only one relay per database publishes at a time (a transaction-scoped
 * advisory lock), so events leave in the order they were stored.
 */
class OutboxStore {

	private static final long RELAY_LOCK = 0x6e6f72695f6f7574L; // "nori_out"

	private final JdbcClient jdbc;

	OutboxStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	// one round trip for many events: a single multi-row insert
	void insertAll(List<OutboxRecord> records) {
		if (records.isEmpty()) {
			return;
		}
		StringBuilder sql = new StringBuilder("insert into eventing.outbox (id, topic, record_key, type, source, "
				+ "occurred_at, request_id, traceparent, data) values ");
		List<Object> params = new ArrayList<>();
		for (int i = 0; i < records.size(); i++) {
			OutboxRecord record = records.get(i);
			sql.append((i > 0) ? ", " : "").append("(?, ?, ?, ?, ?, ?, ?, ?, ?)");
			params.addAll(Arrays.asList(record.id(), record.topic(), record.key(), record.type(), record.source(),
					Timestamp.from(record.occurredAt()), record.requestId(), record.traceparent(), record.data()));
		}
		this.jdbc.sql(sql.toString()).params(params).update();
	}

	void insert(OutboxRecord record) {
		this.jdbc
			.sql("""
					insert into eventing.outbox (id, topic, record_key, type, source, occurred_at, request_id, traceparent, data)
					values (:id, :topic, :key, :type, :source, :occurredAt, :requestId, :traceparent, :data)
					""")
			.param("id", record.id())
			.param("topic", record.topic())
			.param("key", record.key())
			.param("type", record.type())
			.param("source", record.source())
			.param("occurredAt", Timestamp.from(record.occurredAt()))
			.param("requestId", record.requestId())
			.param("traceparent", record.traceparent())
			.param("data", record.data())
			.update();
	}

	// The round's read then walks the index of unpublished events in order, whatever the
	// planner believes: with few rows thought unpublished it may pick a bitmap scan and a
	// sort (seen in a benchmark), which visits the row of every event published since the
	// table was last vacuumed, every round, and never marks their index entries dead; an
	// index scan marks them once and steps over them after.
	boolean tryLockRelay() {
		return Boolean.TRUE.equals(this.jdbc.sql("""
				select pg_try_advisory_xact_lock(?), set_config('enable_bitmapscan', 'off', true),
				  set_config('enable_seqscan', 'off', true)
				""").param(RELAY_LOCK).query((rs, row) -> rs.getBoolean(1)).single());
	}

	List<OutboxRecord> unpublished(int limit) {
		return this.jdbc.sql("""
				select seq, id, topic, record_key, type, source, occurred_at, request_id, traceparent, data
				from eventing.outbox where published_at is null order by seq limit :limit
				""")
			.param("limit", limit)
			.query((rs, row) -> new OutboxRecord(rs.getLong("seq"), rs.getObject("id", UUID.class),
					rs.getString("topic"), rs.getString("record_key"), rs.getString("type"), rs.getString("source"),
					rs.getTimestamp("occurred_at").toInstant(), rs.getString("request_id"), rs.getString("traceparent"),
					rs.getString("data")))
			.list();
	}

	void markPublished(List<Long> seqs, Instant at) {
		if (!seqs.isEmpty()) {
			this.jdbc.sql("update eventing.outbox set published_at = :at where seq in (:seqs)")
				.param("at", Timestamp.from(at))
				.param("seqs", seqs)
				.update();
		}
	}

	int deletePublishedBefore(Instant cutoff) {
		return this.jdbc.sql("delete from eventing.outbox where published_at < :cutoff")
			.param("cutoff", Timestamp.from(cutoff))
			.update();
	}

	long countUnpublished() {
		return this.jdbc.sql("select count(*) from eventing.outbox where published_at is null")
			.query(Long.class)
			.single();
	}

	// the first unpublished event in publishing order, found through the partial index
	Optional<Instant> oldestUnpublished() {
		return this.jdbc.sql("select occurred_at from eventing.outbox where published_at is null order by seq limit 1")
			.query((rs, row) -> rs.getTimestamp(1).toInstant())
			.optional();
	}

}
