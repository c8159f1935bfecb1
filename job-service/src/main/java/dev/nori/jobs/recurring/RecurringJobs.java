package dev.nori.jobs.recurring;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.nori.jobs.config.JobProperties;
import dev.nori.jobs.handler.JobHandlers;
import dev.nori.jobs.queue.JobQueue;
import dev.nori.jobs.queue.NewJob;
import dev.nori.servicedefaults.core.problem.FieldViolation;
import dev.nori.servicedefaults.problem.InvalidFieldsException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Defines recurring jobs and enqueues their ticks. A tick that was missed (every instance
 * was down) is enqueued once, then the schedule continues from now.
 */
@Component
public class RecurringJobs {

	private static final Logger log = LoggerFactory.getLogger(RecurringJobs.class);

	private final JdbcClient jdbc;

	private final JobQueue queue;

	private final JobHandlers handlers;

	private final JobProperties properties;

	private final JsonMapper json;

	private final Clock clock;

	RecurringJobs(JdbcClient jdbc, JobQueue queue, JobHandlers handlers, JobProperties properties, JsonMapper json,
			Clock clock) {
		this.jdbc = jdbc;
		this.queue = queue;
		this.handlers = handlers;
		this.properties = properties;
		this.json = json;
		this.clock = clock;
	}

	@Transactional
	Map<String, Object> define(String name, RecurringRequest request) {
		List<FieldViolation> violations = new ArrayList<>();
		if (!name.matches("[a-z][a-z0-9._-]{0,99}")) {
			violations.add(new FieldViolation("name", "must be lower-case letters, digits, dots, hyphens"));
		}
		CronExpression cron = null;
		try {
			cron = CronExpression.parse(request.cron());
		}
		catch (IllegalArgumentException ex) {
			violations.add(new FieldViolation("cron", "is not a cron expression: " + ex.getMessage()));
		}
		ZoneId zone = ZoneId.of("UTC");
		try {
			zone = (request.zone() != null) ? ZoneId.of(request.zone()) : zone;
		}
		catch (DateTimeException ex) {
			violations.add(new FieldViolation("zone", "is not a time zone"));
		}
		violations.addAll(this.handlers.problems(request.type(), request.payload()));
		if (!violations.isEmpty() || cron == null) {
			throw new InvalidFieldsException(violations);
		}
		Instant now = this.clock.instant();
		ZonedDateTime next = cron.next(now.atZone(zone));
		if (next == null) {
			throw new InvalidFieldsException(List.of(new FieldViolation("cron", "never fires")));
		}
		String queueName = (request.queue() != null) ? request.queue() : this.properties.defaults().queue();
		this.jdbc.sql("""
				insert into recurring_jobs (name, cron, zone, type, queue, payload, next_run_at, created_at, updated_at)
				values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
				on conflict (name) do update set cron = excluded.cron, zone = excluded.zone, type = excluded.type,
				  queue = excluded.queue, payload = excluded.payload, next_run_at = excluded.next_run_at,
				  updated_at = excluded.updated_at
				""")
			.params(name, request.cron(), zone.getId(), request.type(), queueName,
					this.json.writeValueAsString(request.payload()), Timestamp.from(next.toInstant()),
					Timestamp.from(now), Timestamp.from(now))
			.update();
		return Map.of("name", name, "cron", request.cron(), "zone", zone.getId(), "type", request.type(), "queue",
				queueName, "nextRunAt", next.toInstant().toString());
	}

	@Transactional(readOnly = true)
	List<Map<String, Object>> list() {
		return this.jdbc.sql("select name, cron, zone, type, queue, next_run_at from recurring_jobs order by name")
			.query((rs, row) -> Map.<String, Object>of("name", rs.getString("name"), "cron", rs.getString("cron"),
					"zone", rs.getString("zone"), "type", rs.getString("type"), "queue", rs.getString("queue"),
					"nextRunAt", rs.getTimestamp("next_run_at").toInstant().toString()))
			.list();
	}

	@Transactional
	boolean remove(String name) {
		return this.jdbc.sql("delete from recurring_jobs where name = ?").param(name).update() == 1;
	}

	/**
	 * Enqueues the job of every schedule whose tick has come.
	 * @return how many jobs this call enqueued
	 */
	@Transactional
	public int tick() {
		Instant now = this.clock.instant();
		List<Due> due = this.jdbc.sql("""
				select name, cron, zone, type, queue, payload::text as payload, next_run_at from recurring_jobs
				where next_run_at <= ? for update skip locked
				""")
			.param(Timestamp.from(now))
			.query((rs, row) -> new Due(rs.getString("name"), rs.getString("cron"), rs.getString("zone"),
					rs.getString("type"), rs.getString("queue"), rs.getString("payload"),
					rs.getTimestamp("next_run_at").toInstant()))
			.list();
		int enqueued = 0;
		for (Due schedule : due) {
			// the key names the tick: a tick enqueued by another instance is
			// not enqueued again
			boolean created = this.queue
				.enqueue(new NewJob(schedule.type(), schedule.queue(), schedule.payload(), 0, now,
						this.properties.defaults().maxAttempts(), this.properties.defaults().timeout(),
						"recurring:" + schedule.name() + ":" + schedule.tick(), "recurring:" + schedule.name(), null))
				.created();
			enqueued += created ? 1 : 0;
			ZonedDateTime next = CronExpression.parse(schedule.cron()).next(now.atZone(ZoneId.of(schedule.zone())));
			if (next == null) {
				this.jdbc.sql("delete from recurring_jobs where name = ?").param(schedule.name()).update();
				continue;
			}
			this.jdbc.sql("update recurring_jobs set next_run_at = ? where name = ?")
				.params(Timestamp.from(next.toInstant()), schedule.name())
				.update();
		}
		if (enqueued > 0) {
			log.debug("Enqueued {} recurring jobs", enqueued);
		}
		return enqueued;
	}

	private record Due(String name, String cron, String zone, String type, String queue, String payload, Instant tick) {
	}

}
