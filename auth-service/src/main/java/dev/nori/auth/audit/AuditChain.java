package dev.nori.auth.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The hash chain over the audit trail: each record's hash is SHA-256 of the previous
 * record's hash and the record's canonical form, so changing, inserting or deleting a
 * record breaks every link after it.
 */
final class AuditChain {

	/** The hash before the first record. */
	static final byte[] GENESIS = new byte[32];

	private AuditChain() {
	}

	static byte[] link(byte[] previous, Entry entry) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(previous);
			digest.update(canonical(entry).getBytes(StandardCharsets.UTF_8));
			return digest.digest();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	// length-prefixed fields: no value can imitate a field boundary
	static String canonical(Entry entry) {
		StringBuilder text = new StringBuilder();
		field(text, Long.toString(entry.seq()));
		field(text, entry.eventId().toString());
		field(text, entry.service());
		field(text, entry.action());
		field(text, entry.target());
		field(text, entry.actor());
		field(text, entry.clientIp());
		field(text, entry.userAgent());
		field(text, entry.requestId());
		field(text, entry.outcome());
		new TreeMap<>(entry.details()).forEach((key, value) -> {
			field(text, key);
			field(text, value);
		});
		field(text, Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, entry.occurredAt())));
		return text.toString();
	}

	private static void field(StringBuilder text, @Nullable String value) {
		if (value == null) {
			text.append("-1:");
			return;
		}
		text.append(value.length()).append(':').append(value);
	}

	record Entry(long seq, UUID eventId, String service, String action, String target, @Nullable String actor,
			@Nullable String clientIp, @Nullable String userAgent, @Nullable String requestId, String outcome,
			Map<String, String> details, Instant occurredAt) {
	}

}
