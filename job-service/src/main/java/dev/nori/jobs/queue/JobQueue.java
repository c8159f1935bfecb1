package dev.nori.jobs.queue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.nori.servicedefaults.core.ids.TimeOrderedIds;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The jobs table: every statement the engine runs. Times come from the injected clock,
 * not the database's, so that tests can move them. Each method runs in the caller's
 * transaction.
 */
@Component
public class JobQueue {

	/** The channel enqueues notify and idle workers listen on. */
	public static final String CHANNEL = "nori_jobs";

	private static final String WAITING = "('scheduled', 'available', 'retrying')";

	// Claims and lease renewals commit without waiting for the WAL flush (set here, in
	// the statement, so that a claim is one round trip in autocommit): one lost in a
	// database crash only means the job is claimed again or its lease lapses, which
	// at-least-once allows; outcomes are flushed and never depend on it. With the flush,
	// every claim waited for the disk and a worker was capped at the database's
	// single-commit rate.
	private static final String RELAXED_COMMIT = "set_config('synchronous_commit', 'off', true)";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final TimeOrderedIds ids;

	private final QueueWakeups wakeups;

	JobQueue(JdbcClient jdbc, Clock clock, QueueWakeups wakeups) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.wakeups = wakeups;
		this.ids = new TimeOrderedIds(clock);
	}

	/**
	 * Enqueues a job, or returns the job enqueued before with the same type and
	 * idempotency key. Workers listening for the queue are woken after commit.
	 * @param job the job
	 * @return the job, and whether this call created it
	 */
	public Enqueued enqueue(NewJob job) {
		Instant now = this.clock.instant();
		UUID id = this.ids.next();
		JobState state = job.runAt().isAfter(now) ? JobState.SCHEDULED : JobState.AVAILABLE;
		Optional<Job> created = this.jdbc.sql("""
				insert into jobs (id, type, queue, payload, priority, state, run_at, max_attempts, timeout_ms,
				  idempotency_key, enqueued_by, created_at, updated_at, traceparent)
				values (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (type, idempotency_key) where idempotency_key is not null do nothing
				returning *
				""")
			.params(id, job.type(), job.queue(), job.payload(), job.priority(), state.value(),
					Timestamp.from(job.runAt()), job.maxAttempts(), job.timeout().toMillis(), job.idempotencyKey(),
					job.enqueuedBy(), Timestamp.from(now), Timestamp.from(now), job.traceparent())
			.query(JobQueue::job)
			.optional();
		if (created.isPresent()) {
			this.wakeups.afterCommit(job.queue());
			return new Enqueued(created.get(), true);
		}
		Job existing = this.jdbc.sql("select * from jobs where type = ? and idempotency_key = ?")
			.params(job.type(), job.idempotencyKey())
			.query(JobQueue::job)
			.single();
		return new Enqueued(existing, false);
	}

	/**
	 * Claims up to {@code limit} ready jobs, highest priority and oldest first, skipping
	 * rows other workers hold. Each claim starts an attempt and gets a new lease token.
	 * @param worker the claiming worker's name
	 * @param queues the queues it serves
	 * @param limit the most jobs to claim
	 * @param lease how long the claim holds without a heartbeat
	 * @return the claimed jobs; the statement commits without waiting for the disk
	 */
	public List<Job> claim(String worker, List<String> queues, int limit, Duration lease) {
		List<Job> claimed = new ArrayList<>();
		for (String queue : queues) {
			if (claimed.size() >= limit) {
				break;
			}
			claimed.addAll(claimFrom(worker, queue, limit - claimed.size(), lease));
		}
		return claimed;
	}

	// one queue at a time: "queue = ?" walks the ready index in order, an array would
	// sort. The picked ids are an array the primary key looks up: as a join, statistics
	// that still say the table is empty (analyzed before a burst of enqueues) planned a
	// walk over the whole table per claim
	private List<Job> claimFrom(String worker, String queue, int limit, Duration lease) {
		Instant now = this.clock.instant();
		return this.jdbc.sql("""
				with relaxed as (select %s),
				picked as (
				  select id from jobs
				  where queue = ? and state in %s and run_at <= ?
				  order by priority desc, run_at, id
				  limit ?
				  for update skip locked
				)
				update jobs j set state = 'running', attempts = j.attempts + 1, lease_token = gen_random_uuid(),
				  lease_expires_at = ?, worker = ?, updated_at = ?, started_at = ?
				from relaxed where j.id = any(array(select id from picked))
				returning j.*
				""".formatted(RELAXED_COMMIT, WAITING))
			.params(queue, Timestamp.from(now), limit, Timestamp.from(now.plus(lease)), worker, Timestamp.from(now),
					Timestamp.from(now))
			.query(JobQueue::job)
			.list();
	}

	/**
	 * Marks jobs succeeded in one statement, each only if its lease token is still the
	 * job's.
	 * @param claims the jobs as their claim returned them
	 * @return the jobs that were still held, as they now are
	 */
	public List<Job> succeedAll(List<Job> claims) {
		if (claims.isEmpty()) {
			return List.of();
		}
		Instant now = this.clock.instant();
		// only ids come back: the rest of each row is what the claim read,
		// changed as below
		Set<UUID> held = new HashSet<>(this.jdbc.sql("""
				update jobs set state = 'succeeded', lease_token = null, lease_expires_at = null, updated_at = ?,
				  finished_at = ?
				where id = any(?) and lease_token = any(?)
				returning id
				""")
			.params(Timestamp.from(now), Timestamp.from(now), ids(claims), leaseTokens(claims))
			.query(UUID.class)
			.list());
		List<Job> succeeded = new ArrayList<>(held.size());
		for (Job claim : claims) {
			if (held.contains(claim.id())) {
				succeeded.add(claim.succeeded(now));
			}
		}
		return succeeded;
	}

	/**
	 * Records a failed attempt, if the lease token is still the job's: the job retries
	 * after the backoff, or is dead when its attempts are used up.
	 * @param id the job
	 * @param leaseToken the token of the claim that ran it
	 * @param error what went wrong
	 * @param backoff the retry policy
	 * @return the job as it now is; empty when the lease was lost
	 */
	public Optional<Job> fail(UUID id, UUID leaseToken, String error, Backoff backoff) {
		Optional<Job> running = this.jdbc
			.sql("select * from jobs where id = ? and lease_token = ? and state = 'running' for update")
			.params(id, leaseToken)
			.query(JobQueue::job)
			.optional();
		return running.map((job) -> recordFailure(job, error, backoff));
	}

	/**
	 * Renews the leases of running jobs.
	 * @param claims the jobs as claimed (id and lease token)
	 * @param lease how long they hold from now
	 * @return how many were renewed
	 */
	public int heartbeat(Collection<Job> claims, Duration lease) {
		if (claims.isEmpty()) {
			return 0;
		}
		// rows being finished are skipped, not waited for: they need no renewal, and
		// waiting while holding other rows' locks deadlocks with a batch of successes
		return this.jdbc.sql("""
				with relaxed as (select %s),
				held as (
				  select id from jobs where id = any(?) and lease_token = any(?)
				  order by id for update skip locked
				)
				update jobs j set lease_expires_at = ? from relaxed where j.id = any(array(select id from held))
				""".formatted(RELAXED_COMMIT))
			.params(ids(claims), leaseTokens(claims), Timestamp.from(this.clock.instant().plus(lease)))
			.update();
	}

	/**
	 * Takes back jobs whose lease lapsed (their worker died or hangs): each counts as a
	 * failed attempt.
	 * @param backoff the retry policy
	 * @return the jobs taken back, as they now are
	 */
	public List<Job> reapExpired(Backoff backoff) {
		List<Job> expired = this.jdbc
			.sql("select * from jobs where state = 'running' and lease_expires_at < ? for update skip locked")
			.param(Timestamp.from(this.clock.instant()))
			.query(JobQueue::job)
			.list();
		return expired.stream().map((job) -> recordFailure(job, "the worker's lease expired", backoff)).toList();
	}

	/**
	 * Gives running jobs back at once (a worker shutting down): they become available and
	 * the attempt does not count.
	 * @param claims the jobs as claimed (id and lease token)
	 * @return how many were given back
	 */
	public int release(Collection<Job> claims) {
		if (claims.isEmpty()) {
			return 0;
		}
		return this.jdbc.sql("""
				update jobs set state = 'available', attempts = greatest(attempts - 1, 0), lease_token = null,
				  lease_expires_at = null, worker = null, run_at = ?, updated_at = ?
				where id = any(?) and lease_token = any(?)
				""")
			.params(Timestamp.from(this.clock.instant()), Timestamp.from(this.clock.instant()), ids(claims),
					leaseTokens(claims))
			.update();
	}

	// Claims are found by id, so that the primary key finds them whatever the statistics
	// say; the lease token fences them: tokens are random and never reused, so a job
	// whose token is among the claims' is held by one of them, and it can only be its
	// own. Only a running job has a token (every way out of running clears it), so these
	// statements do not ask for the state as well: that made the running jobs' partial
	// index usable, and the planner combined it with the primary key, reading all of it
	// (dead entries too) for every batch of successes.
	private static UUID[] ids(Collection<Job> claims) {
		return claims.stream().map(Job::id).toArray(UUID[]::new);
	}

	private static UUID[] leaseTokens(Collection<Job> claims) {
		return claims.stream().map(Job::leaseToken).toArray(UUID[]::new);
	}

	/**
	 * Returns a job.
	 * @param id the job
	 * @return the job, if it exists
	 */
	public Optional<Job> find(UUID id) {
		return this.jdbc.sql("select * from jobs where id = ?").param(id).query(JobQueue::job).optional();
	}

	/**
	 * Lists jobs, newest first.
	 * @param filter what to list
	 * @param limit the page size
	 * @param offset jobs to skip
	 * @return the jobs
	 */
	public List<Job> list(Filter filter, int limit, long offset) {
		Where where = where(filter);
		List<Object> params = new ArrayList<>(where.params());
		params.add(limit);
		params.add(offset);
		return this.jdbc
			.sql("select * from jobs where " + where.sql() + " order by created_at desc, id limit ? offset ?")
			.params(params)
			.query(JobQueue::job)
			.list();
	}

	/**
	 * Counts jobs.
	 * @param filter what to count
	 * @return how many match
	 */
	public long count(Filter filter) {
		Where where = where(filter);
		return this.jdbc.sql("select count(*) from jobs where " + where.sql())
			.params(where.params())
			.query(Long.class)
			.single();
	}

	/**
	 * Cancels a job that has not started.
	 * @param id the job
	 * @return whether it was cancelled
	 */
	public boolean cancel(UUID id) {
		Instant now = this.clock.instant();
		return this.jdbc
			.sql("update jobs set state = 'cancelled', updated_at = ?, finished_at = ? where id = ? and state in "
					+ WAITING)
			.params(Timestamp.from(now), Timestamp.from(now), id)
			.update() == 1;
	}

	/**
	 * Gives dead jobs a fresh set of attempts, now.
	 * @param filter which dead jobs (the state in it is ignored)
	 * @return how many were redriven
	 */
	public int redrive(Filter filter) {
		Where where = where(new Filter(JobState.DEAD, filter.type(), filter.queue(), filter.id()));
		Instant now = this.clock.instant();
		List<Object> params = new ArrayList<>(List.of(Timestamp.from(now), Timestamp.from(now)));
		params.addAll(where.params());
		int redriven = this.jdbc
			.sql("update jobs set state = 'available', attempts = 0, run_at = ?, updated_at = ?, "
					+ "finished_at = null, last_error = null where " + where.sql())
			.params(params)
			.update();
		if (redriven > 0) {
			this.wakeups.afterCommit("");
		}
		return redriven;
	}

	/**
	 * Deletes a finished job.
	 * @param id the job
	 * @return whether it was deleted
	 */
	public boolean delete(UUID id) {
		return this.jdbc.sql("delete from jobs where id = ? and state in ('succeeded', 'dead', 'cancelled')")
			.param(id)
			.update() == 1;
	}

	/**
	 * Deletes succeeded and cancelled jobs that finished before a moment, skipping rows
	 * another instance is deleting.
	 * @param before the moment
	 * @param limit the most to delete
	 * @return how many were deleted
	 */
	public int purgeFinished(Instant before, int limit) {
		return this.jdbc
			.sql("delete from jobs where id = any(array(select id from jobs where state in ('succeeded', 'cancelled') "
					+ "and finished_at < ? limit ? for update skip locked))")
			.params(Timestamp.from(before), limit)
			.update();
	}

	/**
	 * Returns the jobs whose last attempt failed, latest first.
	 * @param limit the most to return
	 * @return retrying and dead jobs
	 */
	public List<Job> recentFailures(int limit) {
		return this.jdbc.sql("select * from jobs where state in ('retrying', 'dead') order by updated_at desc limit ?")
			.param(limit)
			.query(JobQueue::job)
			.list();
	}

	/**
	 * Returns the jobs that finished most recently.
	 * @param limit the most to return
	 * @return succeeded, dead and cancelled jobs, latest first
	 */
	public List<Job> recentlyFinished(int limit) {
		return this.jdbc.sql("select * from jobs where finished_at is not null order by finished_at desc, id limit ?")
			.param(limit)
			.query(JobQueue::job)
			.list();
	}

	/**
	 * Counts successes per queue in two windows, in one pass over the table.
	 * @param recent the start of the short window
	 * @param since the start of the long window (before {@code recent})
	 * @return queue → {successes since {@code recent}, successes since {@code since}}
	 */
	public Map<String, long[]> succeededSince(Instant recent, Instant since) {
		Map<String, long[]> counts = new LinkedHashMap<>();
		this.jdbc
			.sql("select queue, count(*) filter (where finished_at >= ?) as recent, count(*) as n from jobs "
					+ "where state = 'succeeded' and finished_at >= ? group by queue order by queue")
			.params(Timestamp.from(recent), Timestamp.from(since))
			.query((rs) -> {
				counts.put(rs.getString("queue"), new long[] { rs.getLong("recent"), rs.getLong("n") });
			});
		return counts;
	}

	/**
	 * Counts jobs by queue and state.
	 * @return queue → state → count
	 */
	public Map<String, Map<String, Long>> stats() {
		Map<String, Map<String, Long>> stats = new LinkedHashMap<>();
		this.jdbc.sql("select queue, state, count(*) as n from jobs group by queue, state order by queue, state")
			.query((rs) -> {
				stats.computeIfAbsent(rs.getString("queue"), (queue) -> new LinkedHashMap<>())
					.put(rs.getString("state"), rs.getLong("n"));
			});
		return stats;
	}

	private Job recordFailure(Job job, String error, Backoff backoff) {
		Instant now = this.clock.instant();
		boolean dead = job.attempts() >= job.maxAttempts();
		Instant next = dead ? job.runAt() : now.plus(backoff.after(job.attempts()));
		return this.jdbc
			.sql("""
					update jobs set state = ?, run_at = ?, last_error = ?,
					  errors = errors || jsonb_build_array(jsonb_build_object('attempt', ?::int, 'at', ?::text, 'error', ?::text)),
					  lease_token = null, lease_expires_at = null, updated_at = ?, finished_at = ?
					where id = ?
					returning *
					""")
			.params(dead ? "dead" : "retrying", Timestamp.from(next), truncate(error), job.attempts(), now.toString(),
					truncate(error), Timestamp.from(now), dead ? Timestamp.from(now) : null, job.id())
			.query(JobQueue::job)
			.single();
	}

	private static String truncate(String error) {
		return (error.length() > 2000) ? error.substring(0, 2000) : error;
	}

	private static Where where(Filter filter) {
		StringBuilder sql = new StringBuilder("true");
		List<Object> params = new ArrayList<>();
		if (filter.state() != null) {
			sql.append(" and state = ?");
			params.add(filter.state().value());
		}
		if (filter.type() != null) {
			sql.append(" and type = ?");
			params.add(filter.type());
		}
		if (filter.queue() != null) {
			sql.append(" and queue = ?");
			params.add(filter.queue());
		}
		if (filter.id() != null) {
			sql.append(" and id = ?");
			params.add(filter.id());
		}
		return new Where(sql.toString(), params);
	}

	private static Job job(ResultSet rs, int row) throws SQLException {
		return new Job(rs.getObject("id", UUID.class), rs.getString("type"), rs.getString("queue"),
				rs.getString("payload"), rs.getInt("priority"), JobState.of(rs.getString("state")),
				rs.getTimestamp("run_at").toInstant(), rs.getInt("attempts"), rs.getInt("max_attempts"),
				Duration.ofMillis(rs.getLong("timeout_ms")), rs.getString("idempotency_key"),
				rs.getString("enqueued_by"), rs.getObject("lease_token", UUID.class),
				instant(rs.getTimestamp("lease_expires_at")), rs.getString("worker"), rs.getString("last_error"),
				rs.getString("errors"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant(), instant(rs.getTimestamp("finished_at")),
				rs.getString("traceparent"));
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/**
	 * The result of an enqueue.
	 *
	 * @param job the job
	 * @param created whether this enqueue created it (false: the idempotency key matched)
	 */
	public record Enqueued(Job job, boolean created) {
	}

	/**
	 * Which jobs; {@code null} matches any.
	 *
	 * @param state the state
	 * @param type the type
	 * @param queue the queue
	 * @param id one job
	 */
	public record Filter(@Nullable JobState state, @Nullable String type, @Nullable String queue, @Nullable UUID id) {
	}

	private record Where(String sql, List<Object> params) {
	}

}
