package dev.nori.jobs.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * job-service settings.
 *
 * @param roles what this process does: {@code api} (REST, Kafka commands), {@code worker}
 * (runs jobs), or both
 * @param defaults what a job gets when its request does not say
 * @param worker how a worker claims and runs jobs
 * @param retry how long a failed job waits before its next attempt
 * @param events which lifecycle events are published
 * @param retention how long finished jobs are kept
 */
@Validated
@ConfigurationProperties("nori.jobs")
public record JobProperties(@DefaultValue( {
		"api", "worker" }) @NotEmpty Set<Role> roles, @Valid @DefaultValue Defaults defaults,
		@Valid @DefaultValue Worker worker, @Valid @DefaultValue Retry retry, @Valid @DefaultValue Events events,
		@Valid @DefaultValue Retention retention){

	/** What a process of job-service does. */
	public enum Role {

		/** Serves the REST API and consumes enqueue commands. */
		API,
		/** Claims and runs jobs. */
		WORKER

	}

	/**
	 * Returns whether this process runs jobs.
	 * @return whether it is a worker
	 */
	public boolean isWorker() {
		return this.roles.contains(Role.WORKER);
	}

	/**
	 * Job defaults.
	 *
	 * @param queue the queue
	 * @param maxAttempts attempts before a job is dead
	 * @param timeout how long one attempt may run
	 */
	public record Defaults(@DefaultValue("default") String queue, @DefaultValue("5") @Min(1) @Max(100) int maxAttempts,
			@DefaultValue("5m") @NotNull Duration timeout) {
	}

	/**
	 * The worker.
	 *
	 * @param threads how many jobs run at once in this process
	 * @param queues the queues it takes jobs from
	 * @param batchSize the most jobs claimed in one statement
	 * @param claimAhead how many jobs the worker holds per thread: jobs are claimed
	 * ahead, in batches, so that a freed thread never waits for a claim (a held job is
	 * leased like a running one and given back at shutdown); the least it holds
	 * @param holdAhead for short jobs the worker holds more: as many as its threads run
	 * in this time by their recent average, up to four batches; 0 holds
	 * {@code threads × claimAhead} whatever the jobs take
	 * @param pollInterval how often an idle worker looks for jobs when no notification
	 * woke it
	 * @param lease how long a claim holds without a heartbeat; a job whose worker died is
	 * available again after it
	 * @param heartbeat how often running jobs' leases are renewed
	 * @param shutdownGrace how long running jobs may finish at shutdown before they are
	 * released
	 */
	public record Worker(@DefaultValue("8") @Positive @Max(1024) int threads,
			@DefaultValue("default") @NotEmpty List<String> queues, @DefaultValue("256") @Positive int batchSize,
			@DefaultValue("4") @DecimalMin("1") @DecimalMax("16") double claimAhead,
			@DefaultValue("50ms") @NotNull Duration holdAhead, @DefaultValue("1s") @NotNull Duration pollInterval,
			@DefaultValue("30s") @NotNull Duration lease, @DefaultValue("10s") @NotNull Duration heartbeat,
			@DefaultValue("20s") @NotNull Duration shutdownGrace) {
	}

	/**
	 * Retries: the n-th retry waits {@code initial × multiplier^(n-1)}, at most
	 * {@code max}, less a random part of up to {@code jitter} of it.
	 *
	 * @param initial the first delay
	 * @param max the longest delay
	 * @param multiplier the growth per attempt
	 * @param jitter the random share taken off each delay (0: none)
	 */
	public record Retry(@DefaultValue("1s") @NotNull Duration initial, @DefaultValue("10m") @NotNull Duration max,
			@DefaultValue("2") @DecimalMin("1") double multiplier,
			@DefaultValue("0.2") @DecimalMin("0") @DecimalMax("1") double jitter) {
	}

	/**
	 * Lifecycle events on {@code nori.jobs.events}. Failures and dead jobs are always
	 * announced.
	 *
	 * @param succeeded whether every success is announced too: one outbox row per job,
	 * which costs a queue of short jobs about as much as running them
	 */
	public record Events(@DefaultValue("true") boolean succeeded) {
	}

	/**
	 * Succeeded and cancelled jobs are deleted once they are older than {@code finished};
	 * dead jobs stay until they are redriven or deleted. An idempotency key holds as long
	 * as its job is kept.
	 *
	 * @param finished how long after it finished a job is kept
	 * @param interval how often old jobs are looked for
	 * @param batchSize the most jobs deleted in one statement
	 */
	public record Retention(@DefaultValue("7d") @NotNull Duration finished,
			@DefaultValue("10m") @NotNull Duration interval,
			@DefaultValue("5000") @Positive @Max(100000) int batchSize) {
	}

}
