package dev.nori.jobs.worker;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import dev.nori.jobs.config.JobProperties;
import dev.nori.jobs.handler.JobContext;
import dev.nori.jobs.handler.JobHandlers;
import dev.nori.jobs.queue.Job;
import dev.nori.jobs.queue.JobQueue;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Claims and runs jobs. One dispatcher thread claims batches as threads free up; it
 * sleeps until a notification (LISTEN on the queue channel), a finished job or the poll
 * interval wakes it. Each job runs on a virtual thread, bounded by {@code threads},
 * interrupted at its timeout. Leases of running jobs are renewed on a heartbeat; lapsed
 * leases of any worker are taken back. At shutdown the worker stops claiming, lets
 * running jobs finish within the grace period, and gives the rest back at once.
 */
public class Worker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Worker.class);

	private static final int MAX_BATCH = 500;

	private final String name = ManagementFactory.getRuntimeMXBean().getName() + "-"
			+ UUID.randomUUID().toString().substring(0, 8);

	private final JobQueue queue;

	private final Completions completions;

	private final JobHandlers handlers;

	private final TransactionTemplate transactions;

	private final DataSource dataSource;

	private final JobProperties.Worker properties;

	private final Clock clock;

	private final boolean enabled;

	private final Semaphore slots;

	private final BlockingQueue<Boolean> wakeups = new ArrayBlockingQueue<>(1);

	private final Map<UUID, Running> running = new ConcurrentHashMap<>();

	private final BlockingQueue<Job> succeeded = new LinkedBlockingQueue<>();

	// successes waiting to be written, bounded so that claiming cannot outrun writing
	private final Semaphore unwritten = new Semaphore(MAX_BATCH * 2);

	private Thread flusher;

	private final ExecutorService jobs = Executors
		.newThreadPerTaskExecutor(Thread.ofVirtual().name("job-", 0).factory());

	private ScheduledExecutorService timers;

	private Thread dispatcher;

	private Thread listener;

	private volatile boolean active;

	Worker(JobQueue queue, Completions completions, JobHandlers handlers, TransactionTemplate transactions,
			DataSource dataSource, JobProperties properties, Clock clock) {
		this.queue = queue;
		this.completions = completions;
		this.handlers = handlers;
		this.transactions = transactions;
		this.dataSource = dataSource;
		this.properties = properties.worker();
		this.clock = clock;
		this.enabled = properties.isWorker();
		this.slots = new Semaphore(this.properties.threads());
	}

	/**
	 * Returns this worker's name, recorded on the jobs it holds.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	@Override
	public void start() {
		this.active = true;
		this.timers = Executors.newScheduledThreadPool(1, Thread.ofVirtual().name("job-timer-", 0).factory());
		long heartbeat = this.properties.heartbeat().toMillis();
		this.timers.scheduleWithFixedDelay(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
		long reap = Math.max(100, this.properties.pollInterval().toMillis());
		this.timers.scheduleWithFixedDelay(this::reap, reap, reap, TimeUnit.MILLISECONDS);
		this.listener = Thread.ofPlatform().daemon().name("job-listener").start(this::listen);
		this.flusher = Thread.ofPlatform().name("job-completions").start(this::flushSuccesses);
		this.dispatcher = Thread.ofPlatform().name("job-dispatcher").start(this::dispatch);
		log.info("Worker {} runs up to {} jobs of {}", this.name, this.properties.threads(), this.properties.queues());
	}

	@Override
	public void stop() {
		this.active = false;
		wake();
		try {
			if (this.dispatcher != null) {
				this.dispatcher.join(5_000);
			}

			Instant deadline = Instant.now().plus(this.properties.shutdownGrace());
			while (!this.running.isEmpty() && Instant.now().isBefore(deadline)) {
				Thread.sleep(20);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		List<UUID> left = List.copyOf(this.running.keySet());
		if (!left.isEmpty()) {
			int released = this.transactions.execute((status) -> this.queue.release(left));
			this.running.values()
				.stream()
				.filter((job) -> job.future() != null)
				.forEach((job) -> job.future().cancel(true));
			log.warn("Worker {} stopped with {} jobs still running; {} given back to the queue", this.name, left.size(),
					released);
		}
		this.jobs.shutdownNow();
		if (this.flusher != null) {
			try {
				this.flusher.join(5_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.flusher.interrupt();
		}
		if (this.timers != null) {
			this.timers.shutdownNow();
		}
		if (this.listener != null) {
			this.listener.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.active;
	}

	// an api-only process has the bean but never runs it
	@Override
	public boolean isAutoStartup() {
		return this.enabled;
	}

	// stop after the web server stopped taking requests, before the data source closes
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1024;
	}

	int runningJobs() {
		return this.running.size();
	}

	private void dispatch() {
		while (this.active) {
			try {
				int free = this.slots.availablePermits();
				List<Job> claimed = (free == 0) ? List.of()
						: this.transactions.execute((status) -> this.queue.claim(this.name, this.properties.queues(),
								Math.min(free, this.properties.batchSize()), this.properties.lease()));
				for (Job job : claimed) {
					this.slots.acquire();
					start(job);
				}
				if (claimed.isEmpty() || claimed.size() < Math.min(free, this.properties.batchSize())) {
					this.wakeups.poll(this.properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				log.error("Claiming jobs failed; trying again in {}", this.properties.pollInterval(), ex);
				sleep(this.properties.pollInterval());
			}
		}
	}

	private void start(Job job) {
		Instant deadline = this.clock.instant().plus(job.timeout());
		JobContext context = new JobContext(job.id(), job.type(), job.attempts(), deadline);
		Future<?> attempt = this.jobs.submit(() -> {
			this.handlers.run(job.type(), job.payload(), context);
			return null;
		});
		this.running.put(job.leaseToken(), new Running(job, attempt));
		this.jobs.submit(() -> finish(job, attempt));
	}

	private void finish(Job job, Future<?> attempt) {
		boolean queued = false;
		try {
			attempt.get(job.timeout().toMillis(), TimeUnit.MILLISECONDS);
			// the thread's slot is free at once; the job stays held (and its lease
			// renewed)
			// until the batch holding its success is written
			this.unwritten.acquire();
			this.succeeded.add(job);
			queued = true;
			this.slots.release();
			wake();
			return;
		}
		catch (TimeoutException ex) {
			attempt.cancel(true);
			record(job, "timed out after " + job.timeout());
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			record(job, cause.getClass().getSimpleName() + ": " + cause.getMessage());
		}
		catch (InterruptedException | CancellationException ex) {
			// shutting down: stop() gave the job back to the queue
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			log.error("Recording the outcome of job {} failed; its lease will lapse and it will run again", job.id(),
					ex);
		}
		finally {
			if (!queued) {
				done(job);
			}
		}
	}

	private void done(Job job) {
		this.running.remove(job.leaseToken());
		this.slots.release();
		wake();
	}

	// successes written together: one statement and one commit for many jobs
	private void flushSuccesses() {
		List<Job> batch = new ArrayList<>();
		while (this.active || !this.succeeded.isEmpty() || !this.running.isEmpty()) {
			try {
				Job first = this.succeeded.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				this.succeeded.drainTo(batch, MAX_BATCH - 1);
				try {
					this.completions.succeededAll(batch);
				}
				catch (RuntimeException ex) {
					log.error("Recording {} successes failed; their leases will lapse and they will run again",
							batch.size(), ex);
				}
				batch.forEach((job) -> this.running.remove(job.leaseToken()));
				this.unwritten.release(batch.size());
				batch.clear();
				wake();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void record(Job job, String error) {
		this.completions.failed(job, error);
	}

	private void heartbeat() {
		try {
			if (!this.running.isEmpty()) {
				this.transactions.executeWithoutResult(
						(status) -> this.queue.heartbeat(this.running.keySet(), this.properties.lease()));
			}
		}
		catch (RuntimeException ex) {
			log.warn("Renewing leases failed: {}", ex.toString());
		}
	}

	private void reap() {
		try {
			if (!this.completions.reapExpired().isEmpty()) {
				wake();
			}
		}
		catch (RuntimeException ex) {
			log.warn("Taking back lapsed leases failed: {}", ex.toString());
		}
	}

	// a dedicated connection LISTENs; notifications only wake the dispatcher
	private void listen() {
		while (this.active) {
			try (Connection connection = this.dataSource.getConnection()) {
				connection.setAutoCommit(true);
				try (Statement statement = connection.createStatement()) {
					statement.execute("listen " + JobQueue.CHANNEL);
				}
				PGConnection pg = connection.unwrap(PGConnection.class);
				while (this.active) {
					PGNotification[] notifications = pg.getNotifications(500);
					if (notifications != null && notifications.length > 0) {
						wake();
					}
				}
			}
			catch (SQLException ex) {
				if (this.active) {
					log.warn("Listening for new jobs failed ({}); polling until it works again", ex.toString());
					sleep(this.properties.pollInterval());
				}
			}
		}
	}

	private void wake() {
		this.wakeups.offer(Boolean.TRUE);
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private record Running(Job job, @Nullable Future<?> future) {
	}

}
