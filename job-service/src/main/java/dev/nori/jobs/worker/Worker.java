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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import dev.nori.eventing.tracing.TraceParents;
import io.micrometer.tracing.Span;
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
 * Claims and runs jobs. One dispatcher thread claims ahead, in batches, so that the
 * worker holds up to {@code threads × claimAhead} jobs, or for short jobs as many as its
 * threads run in {@code holdAhead} (up to four batches); {@code threads} runner threads
 * take them in claim order. The dispatcher sleeps until a notification (LISTEN on the
 * queue channel), a runner running low on claimed jobs or the poll interval wakes it.
 * Each attempt runs on a virtual thread, interrupted at its timeout. Leases of held jobs
 * are renewed on a heartbeat; lapsed leases of any worker are taken back. At shutdown the
 * worker stops claiming, gives back the jobs that have not started at once, lets running
 * jobs finish within the grace period, and gives the rest back.
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

	// the recent average time of an attempt (0 until one ran), which sets how many jobs
	// are held (claimed and not finished) and the level at which to claim more
	private final AtomicLong averageRunNanos = new AtomicLong();

	private final AtomicInteger held = new AtomicInteger();

	private final BlockingQueue<Job> claimed = new LinkedBlockingQueue<>();

	private final BlockingQueue<Boolean> wakeups = new ArrayBlockingQueue<>(1);

	// every held job by lease token: claimed, running, or succeeded and not yet written
	private final Map<UUID, Running> running = new ConcurrentHashMap<>();

	private final AtomicInteger executing = new AtomicInteger();

	private final BlockingQueue<Job> succeeded = new LinkedBlockingQueue<>();

	// successes waiting to be written, bounded so that claiming cannot outrun writing
	private final Semaphore unwritten = new Semaphore(MAX_BATCH * 2);

	private final ExecutorService jobs = Executors
		.newThreadPerTaskExecutor(Thread.ofVirtual().name("job-", 0).factory());

	private Thread flusher;

	private ScheduledExecutorService timers;

	private Thread dispatcher;

	private Thread listener;

	private volatile boolean active;

	private final TraceParents traces;

	Worker(JobQueue queue, Completions completions, JobHandlers handlers, TransactionTemplate transactions,
			DataSource dataSource, JobProperties properties, Clock clock, TraceParents traces) {
		this.queue = queue;
		this.completions = completions;
		this.handlers = handlers;
		this.transactions = transactions;
		this.dataSource = dataSource;
		this.properties = properties.worker();
		this.clock = clock;
		this.traces = traces;
		this.enabled = properties.isWorker();
	}

	/**
	 * How many jobs a worker holds: at least {@code threads × claimAhead}; for short jobs
	 * as many as the threads run in {@code holdAhead}, at most four batches. With a few
	 * jobs held per thread, a worker of 8 threads claimed no-op jobs 16 at a time and its
	 * claims cost more than the jobs; a fixed larger number would hold slow jobs that
	 * another worker could run.
	 * @param worker the worker's settings
	 * @param averageRunNanos the recent average time of an attempt, 0 when unknown
	 * @return the most jobs to hold
	 */
	static int capacity(JobProperties.Worker worker, long averageRunNanos) {
		int threads = worker.threads();
		int least = Math.max(threads, (int) Math.round(threads * worker.claimAhead()));
		if (averageRunNanos <= 0 || worker.holdAhead().isZero()) {
			return least;
		}
		long inTime = threads * (worker.holdAhead().toNanos() / averageRunNanos);
		return (int) Math.max(least, Math.min(4L * worker.batchSize(), inTime));
	}

	int capacity() {
		return capacity(this.properties, this.averageRunNanos.get());
	}

	// claim again while half of the held jobs still wait: claiming overlaps running
	// instead of threads waiting for it
	private static int lowWater(int capacity) {
		return Math.max(1, capacity / 2);
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
		for (int i = 0; i < this.properties.threads(); i++) {
			Thread.ofVirtual().name("job-runner-" + i).start(this::runClaimed);
		}
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
			// jobs claimed but not started go back at once
			List<Job> unstarted = new ArrayList<>();
			this.claimed.drainTo(unstarted);
			if (!unstarted.isEmpty()) {
				this.transactions.execute((status) -> this.queue.release(unstarted));
				unstarted.forEach((job) -> this.running.remove(job.leaseToken()));
			}
			Instant deadline = Instant.now().plus(this.properties.shutdownGrace());
			while (this.executing.get() > 0 && Instant.now().isBefore(deadline)) {
				Thread.sleep(20);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		List<Running> left = this.running.values().stream().filter((held) -> !held.succeeded()).toList();
		if (!left.isEmpty()) {
			int released = this.transactions
				.execute((status) -> this.queue.release(left.stream().map(Running::job).toList()));
			left.stream().filter((held) -> held.future() != null).forEach((held) -> held.future().cancel(true));
			left.forEach((held) -> this.running.remove(held.job().leaseToken()));
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
		return this.executing.get();
	}

	private void dispatch() {
		while (this.active) {
			try {
				int capacity = capacity();
				int lowWater = lowWater(capacity);
				int room = capacity - this.held.get();
				int wanted = Math.min(room, this.properties.batchSize());
				List<Job> batch = (wanted > 0 && this.claimed.size() <= lowWater)
						? this.queue.claim(this.name, this.properties.queues(), wanted, this.properties.lease())
						: List.of();
				for (Job job : batch) {
					this.held.incrementAndGet();
					this.running.put(job.leaseToken(), new Running(job, null, false));
					this.claimed.add(job);
				}
				// a full batch means more may be ready: claim again once there is room
				if (batch.isEmpty() || batch.size() < wanted) {
					this.wakeups.poll(this.properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
				}
				else if (capacity - this.held.get() <= 0 || this.claimed.size() > lowWater) {
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

	private void runClaimed() {
		while (this.active) {
			try {
				Job job = this.claimed.poll(100, TimeUnit.MILLISECONDS);
				if (job != null) {
					run(job);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void run(Job job) {
		this.executing.incrementAndGet();
		boolean queued = false;
		try {
			if (!this.active) {
				// taken just as the worker stopped: stop() gives it back
				return;
			}
			Instant deadline = this.clock.instant().plus(job.timeout());
			JobContext context = new JobContext(job.id(), job.type(), job.attempts(), deadline);
			// the attempt continues the trace of whoever enqueued the job
			Future<?> attempt = this.jobs
				.submit(() -> this.traces.call(job.traceparent(), "job " + job.type(), Span.Kind.CONSUMER, () -> {
					this.handlers.run(job.type(), job.payload(), context);
					return null;
				}));
			this.running.put(job.leaseToken(), new Running(job, attempt, false));
			queued = await(job, attempt);
		}
		catch (RejectedExecutionException ex) {
			// shutting down: stop() gives the job back to the queue
		}
		finally {
			if (!queued && this.active) {
				this.running.remove(job.leaseToken());
			}
			this.executing.decrementAndGet();
			this.held.decrementAndGet();
			if (this.claimed.size() <= lowWater(capacity())) {
				wake();
			}
		}
	}

	// true when the success was queued for writing; the job stays held (and its lease
	// renewed) until the batch holding it is written
	private boolean await(Job job, Future<?> attempt) {
		long started = System.nanoTime();
		try {
			attempt.get(job.timeout().toMillis(), TimeUnit.MILLISECONDS);
			ran(started);
			this.unwritten.acquire();
			this.running.put(job.leaseToken(), new Running(job, attempt, true));
			this.succeeded.add(job);
			return true;
		}
		catch (TimeoutException ex) {
			ran(started);
			attempt.cancel(true);
			record(job, "timed out after " + job.timeout());
		}
		catch (ExecutionException ex) {
			ran(started);
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
		return false;
	}

	// an attempt's time into the recent average (each new one weighs a sixteenth)
	private void ran(long started) {
		long took = Math.max(1, System.nanoTime() - started);
		this.averageRunNanos.accumulateAndGet(took,
				(average, sample) -> (average == 0) ? sample : average + (sample - average) / 16);
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
				this.queue.heartbeat(this.running.values().stream().map(Running::job).toList(),
						this.properties.lease());
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

	// a held job; succeeded: its success waits to be written, nothing to give back
	private record Running(Job job, @Nullable Future<?> future, boolean succeeded) {
	}

}
