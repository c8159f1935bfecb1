package dev.nori.eventing.outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the outbox: woken by every commit that stored an event, and polling as a
 * fallback (for events stored by a process that died before its relay ran, or while the
 * broker was down).
 * <p>
 * Each round runs in one transaction holding the relay lock: read the oldest unpublished
 * events, send them, wait for the broker, mark what it acknowledged. A crash between
 * sending and marking sends those events again: delivery is at least once, and consumers
 * are idempotent on the id.
 */
public class OutboxRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private static final Duration MAX_FAILURE_PAUSE = Duration.ofSeconds(5);

	private final OutboxStore store;

	private final OutboxSender sender;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final int batchSize;

	private final Duration pollInterval;

	private final Duration retention;

	private final boolean autoStartup;

	private final Semaphore wakeUp = new Semaphore(0);

	private volatile boolean running;

	private Thread worker;

	OutboxRelay(OutboxStore store, OutboxSender sender, TransactionTemplate transaction, Clock clock, int batchSize,
			Duration pollInterval, Duration retention, boolean autoStartup) {
		this.autoStartup = autoStartup;
		this.store = store;
		this.sender = sender;
		this.transaction = transaction;
		this.clock = clock;
		this.batchSize = batchSize;
		this.pollInterval = pollInterval;
		this.retention = retention;
	}

	/**
	 * Asks the relay to look for events now.
	 */
	public void wake() {
		if (this.wakeUp.availablePermits() == 0) {
			this.wakeUp.release();
		}
	}

	/**
	 * Publishes one batch of unpublished events.
	 * @return how many were published, or -1 when the broker did not take all of them
	 */
	public int relayOnce() {
		Integer published = this.transaction.execute((status) -> {
			if (!this.store.tryLockRelay()) {
				return 0;
			}
			List<OutboxRecord> batch = this.store.unpublished(this.batchSize);
			if (batch.isEmpty()) {
				return 0;
			}
			List<Long> sent = this.sender.send(batch);
			this.store.markPublished(sent, this.clock.instant());
			return (sent.size() == batch.size()) ? sent.size() : -1;
		});
		return (published != null) ? published : 0;
	}

	/**
	 * Deletes events published longer ago than the retention.
	 * @return how many were deleted
	 */
	public int purgePublished() {
		return this.store.deletePublishedBefore(this.clock.instant().minus(this.retention));
	}

	/**
	 * Counts events not yet published.
	 * @return the backlog
	 */
	public long backlog() {
		return this.store.countUnpublished();
	}

	/**
	 * Returns how long the oldest event not yet published has waited: the relay's delay,
	 * which grows while Kafka is unreachable.
	 * @return its age in seconds, 0 when every event is published
	 */
	public double oldestUnpublishedAgeSeconds() {
		return this.store.oldestUnpublished()
			.map((occurred) -> Math.max(0, Duration.between(occurred, this.clock.instant()).toMillis() / 1000.0))
			.orElse(0.0);
	}

	@Override
	public void start() {
		this.running = true;
		this.worker = Thread.ofPlatform().name("outbox-relay").daemon().start(this::loop);
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.worker != null) {
			this.wake();
			try {
				this.worker.join(Duration.ofSeconds(35));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	@Override
	public int getPhase() {
		// stops after the web server and the listeners, so their last events still leave
		return SmartLifecycle.DEFAULT_PHASE - 1000;
	}

	private void loop() {
		Duration failurePause = this.pollInterval;
		long lastPurge = 0;
		while (this.running) {
			int published;
			try {
				published = relayOnce();
				if (System.nanoTime() - lastPurge > TimeUnit.HOURS.toNanos(1)) {
					purgePublished();
					lastPurge = System.nanoTime();
				}
			}
			catch (RuntimeException ex) {
				log.warn("Outbox relay round failed, retrying: {}", ex.getMessage());
				published = -1;
			}
			if (published == this.batchSize) {
				continue;
			}
			if (published < 0) {
				pause(failurePause);
				failurePause = min(failurePause.multipliedBy(2), MAX_FAILURE_PAUSE);
			}
			else {
				failurePause = this.pollInterval;
				pause(this.pollInterval);
			}
		}
	}

	private void pause(Duration duration) {
		try {
			this.wakeUp.tryAcquire(duration.toMillis(), TimeUnit.MILLISECONDS);
			this.wakeUp.drainPermits();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

}
