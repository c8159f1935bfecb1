package dev.nori.jobs.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.nori.jobs.config.JobProperties;
import dev.nori.eventing.tracing.TraceParents;
import dev.nori.jobs.handler.JobHandlers;
import dev.nori.jobs.queue.Job;
import dev.nori.jobs.queue.JobQueue;
import dev.nori.jobs.queue.JobState;
import dev.nori.jobs.queue.NewJob;
import dev.nori.servicedefaults.audit.AuditLog;
import dev.nori.servicedefaults.core.problem.FieldViolation;
import dev.nori.servicedefaults.problem.InvalidFieldsException;
import dev.nori.servicedefaults.problem.ProblemException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Enqueues (checking the type, the payload and the timing, honouring idempotency keys)
 * and manages jobs.
 */
@Service
public class JobService {

	private final JobQueue queue;

	private final JobHandlers handlers;

	private final JobProperties properties;

	private final AuditLog audit;

	private final JsonMapper json;

	private final Clock clock;

	private final TraceParents traces;

	JobService(JobQueue queue, JobHandlers handlers, JobProperties properties, AuditLog audit, JsonMapper json,
			Clock clock, TraceParents traces) {
		this.queue = queue;
		this.handlers = handlers;
		this.properties = properties;
		this.audit = audit;
		this.json = json;
		this.clock = clock;
		this.traces = traces;
	}

	@Transactional
	JobQueue.Enqueued enqueue(EnqueueRequest request, @Nullable String caller) {
		List<FieldViolation> violations = new ArrayList<>(this.handlers.problems(request.type(), request.payload()));
		if (request.runAt() != null && request.delaySeconds() != null) {
			violations.add(new FieldViolation("runAt", "must not be given together with delaySeconds"));
		}
		if (!violations.isEmpty()) {
			throw new InvalidFieldsException(violations);
		}
		Instant now = this.clock.instant();
		Instant runAt = (request.runAt() != null) ? request.runAt()
				: now.plusSeconds((request.delaySeconds() != null) ? request.delaySeconds() : 0);
		JobProperties.Defaults defaults = this.properties.defaults();
		JobQueue.Enqueued enqueued = this.queue.enqueue(new NewJob(request.type(),
				(request.queue() != null) ? request.queue() : defaults.queue(),
				this.json.writeValueAsString(request.payload()), (request.priority() != null) ? request.priority() : 0,
				runAt, (request.maxAttempts() != null) ? request.maxAttempts() : defaults.maxAttempts(),
				(request.timeoutSeconds() != null) ? Duration.ofSeconds(request.timeoutSeconds()) : defaults.timeout(),
				request.idempotencyKey(), caller, this.traces.current()));
		if (enqueued.created()) {
			this.audit.audit("job.enqueued", "job:" + enqueued.job().id(), Map.of("type", request.type()));
		}
		return enqueued;
	}

	@Transactional(readOnly = true)
	Job get(UUID id, @Nullable String caller, boolean manager) {
		return this.queue.find(id)
			.filter((job) -> manager || (caller != null && caller.equals(job.enqueuedBy())))
			.orElseThrow(() -> notFound(id));
	}

	@Transactional
	Job cancel(UUID id, @Nullable String caller, boolean manager) {
		Job job = get(id, caller, manager);
		if (!this.queue.cancel(id)) {
			throw ProblemException.conflict("A job that is " + job.state().value() + " cannot be cancelled.");
		}
		this.audit.audit("job.cancelled", "job:" + id, Map.of());
		return this.queue.find(id).orElseThrow();
	}

	/**
	 * Gives a dead job a fresh set of attempts.
	 * @param id the job
	 * @return the job, available again
	 * @throws ProblemException 404 for an unknown job, 409 for one that is not dead
	 */
	@Transactional
	public Job redrive(UUID id) {
		Job job = this.queue.find(id).orElseThrow(() -> notFound(id));
		if (this.queue.redrive(new JobQueue.Filter(JobState.DEAD, null, null, id)) == 0) {
			throw ProblemException.conflict("Only dead jobs are redriven; this one is " + job.state().value() + ".");
		}
		this.audit.audit("job.redriven", "job:" + id, Map.of());
		return this.queue.find(id).orElseThrow();
	}

	/**
	 * Redrives every dead job of a type and queue.
	 * @param type the type, or {@code null} for any
	 * @param queueName the queue, or {@code null} for any
	 * @return how many were redriven
	 */
	@Transactional
	public int redriveAll(@Nullable String type, @Nullable String queueName) {
		int redriven = this.queue.redrive(new JobQueue.Filter(JobState.DEAD, type, queueName, null));
		this.audit.audit("jobs.redriven", "jobs", Map.of("count", Integer.toString(redriven), "type",
				String.valueOf(type), "queue", String.valueOf(queueName)));
		return redriven;
	}

	/**
	 * Deletes a finished job.
	 * @param id the job
	 * @throws ProblemException 404 for an unknown job, 409 for one that has not finished
	 */
	@Transactional
	public void delete(UUID id) {
		Job job = this.queue.find(id).orElseThrow(() -> notFound(id));
		if (!this.queue.delete(id)) {
			throw ProblemException
				.conflict("Only finished jobs are deleted; this one is " + job.state().value() + ". Cancel it first.");
		}
		this.audit.audit("job.deleted", "job:" + id, Map.of());
	}

	private static ProblemException notFound(UUID id) {
		return ProblemException.notFound("There is no job '" + id + "'.");
	}

}
