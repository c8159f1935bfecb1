package dev.nori.auth.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail for administrators: filtered pages, and a check of the hash chain.
 */
@RestController
@RequestMapping("/api/auth/admin/audit")
@PreAuthorize("hasAuthority('audit.read')")
@Validated
class AuditController {

	private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	AuditController(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	@GetMapping
	List<AuditEntry> list(@RequestParam(required = false) @Size(max = 200) @Nullable String actor,
			@RequestParam(required = false) @Size(max = 200) @Nullable String target,
			@RequestParam(required = false) @Size(max = 100) @Nullable String action,
			@RequestParam(required = false) @Pattern(regexp = "success|failure|denied") @Nullable String outcome,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to,
			@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
		return this.jdbc.sql("""
				select seq, event_id, service, action, target, actor, client_ip, user_agent, request_id, outcome,
				  details::text as details, occurred_at from audit_log
				where (cast(:actor as text) is null or actor = :actor)
				  and (cast(:target as text) is null or target = :target)
				  and (cast(:action as text) is null or action = :action)
				  and (cast(:outcome as text) is null or outcome = :outcome)
				  and (cast(:from as timestamptz) is null or occurred_at >= :from)
				  and (cast(:to as timestamptz) is null or occurred_at < :to)
				order by occurred_at desc, seq desc limit :size offset :offset
				""")
			.param("actor", actor)
			.param("target", target)
			.param("action", action)
			.param("outcome", outcome)
			.param("from", (from != null) ? Timestamp.from(from) : null)
			.param("to", (to != null) ? Timestamp.from(to) : null)
			.param("size", size)
			.param("offset", page * size)
			.query((rs, row) -> new AuditEntry((Long) rs.getObject("seq"), rs.getObject("event_id", UUID.class),
					rs.getString("service"), rs.getString("action"), rs.getString("target"), rs.getString("actor"),
					rs.getString("client_ip"), rs.getString("user_agent"), rs.getString("request_id"),
					rs.getString("outcome"), this.json.readValue(rs.getString("details"), DETAILS),
					rs.getTimestamp("occurred_at").toInstant()))
			.list();
	}

	@GetMapping("/verify")
	ChainReport verify() {
		long[] checked = { 0 };
		byte[][] previous = { AuditChain.GENESIS };
		Long[] broken = { null };
		this.jdbc
			.sql("""
					select seq, event_id, service, action, target, actor, client_ip, user_agent, request_id, outcome,
					  details::text as details, occurred_at, prev_hash, hash from audit_log where seq is not null order by seq
					""")
			.query((rs) -> {
				if (broken[0] != null) {
					return;
				}
				long seq = rs.getLong("seq");
				byte[] expected = AuditChain.link(previous[0],
						new AuditChain.Entry(seq, rs.getObject("event_id", UUID.class), rs.getString("service"),
								rs.getString("action"), rs.getString("target"), rs.getString("actor"),
								rs.getString("client_ip"), rs.getString("user_agent"), rs.getString("request_id"),
								rs.getString("outcome"), this.json.readValue(rs.getString("details"), DETAILS),
								rs.getTimestamp("occurred_at").toInstant()));
				if (seq != checked[0] + 1 || !Arrays.equals(rs.getBytes("prev_hash"), previous[0])
						|| !Arrays.equals(rs.getBytes("hash"), expected)) {
					broken[0] = (seq != checked[0] + 1) ? checked[0] + 1 : seq;
					return;
				}
				checked[0] = seq;
				previous[0] = expected;
			});
		return new ChainReport(broken[0] == null, checked[0], broken[0]);
	}

	record AuditEntry(@Nullable Long seq, UUID eventId, String service, String action, String target,
			@Nullable String actor, @Nullable String clientIp, @Nullable String userAgent, @Nullable String requestId,
			String outcome, Map<String, String> details, Instant occurredAt) {
	}

	/**
	 * The result of checking the chain.
	 *
	 * @param intact whether every link holds
	 * @param verifiedRecords how many records, from the first, were found intact
	 * @param firstBrokenSeq the sequence number of the first record that does not fit, if
	 * any
	 */
	record ChainReport(boolean intact, long verifiedRecords, @Nullable Long firstBrokenSeq) {
	}

}
