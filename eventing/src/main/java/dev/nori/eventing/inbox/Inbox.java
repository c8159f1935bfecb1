package dev.nori.eventing.inbox;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
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
	 * Records that handlers are applying events, in the caller's transaction and in one
	 * statement for a whole batch.
	 * @param claims each handler and event; the same pair may come more than once
	 * @return the pairs claimed now, each once; a pair missing was applied before
	 */
	Set<Claim> claimAll(Collection<Claim> claims) {
		if (claims.isEmpty()) {
			return new HashSet<>();
		}
		String[] consumers = claims.stream().map(Claim::consumer).toArray(String[]::new);
		String[] ids = claims.stream().map((claim) -> claim.eventId().toString()).toArray(String[]::new);
		Set<Claim> claimed = new HashSet<>();
		this.jdbc.sql("""
				insert into eventing.inbox (consumer, event_id)
				select consumer, event_id::uuid from unnest(?::text[], ?::text[]) as claims(consumer, event_id)
				on conflict do nothing
				returning consumer, event_id
				""").params(consumers, ids).query((row) -> {
			claimed.add(new Claim(row.getString("consumer"), row.getObject("event_id", UUID.class)));
		});
		return claimed;
	}

	/**
	 * A handler's claim on an event.
	 *
	 * @param consumer the handler's consumer name
	 * @param eventId the event
	 */
	record Claim(String consumer, UUID eventId) {
	}

	int deleteHandledBefore(java.time.Instant cutoff) {
		return this.jdbc.sql("delete from eventing.inbox where processed_at < :cutoff")
			.param("cutoff", java.sql.Timestamp.from(cutoff))
			.update();
	}

}
