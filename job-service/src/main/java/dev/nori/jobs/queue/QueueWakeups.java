package dev.nori.jobs.queue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Wakes the idle workers of a queue once the transaction that made its jobs ready has
 * committed. A NOTIFY inside that transaction would hold PostgreSQL's one notification
 * lock from the start of its commit to the end of the commit's WAL flush, so enqueueing
 * transactions would commit one after another, a flush each. Sent after the commit, from
 * a statement of its own that does not wait for the flush, it holds the lock for
 * microseconds. Wake-ups that pile up while one is sent leave together, one per queue. A
 * wake-up that is lost (the process dies right after the commit) leaves the job to the
 * workers' polling.
 */
@Component
public class QueueWakeups implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(QueueWakeups.class);

	private final JdbcClient jdbc;

	private final BlockingQueue<String> pending = new LinkedBlockingQueue<>();

	private final Thread sender;

	QueueWakeups(JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.sender = Thread.ofVirtual().name("job-wakeups").start(this::send);
	}

	/**
	 * Wakes the queue's workers after the current transaction commits (at once when there
	 * is none); nothing when it rolls back.
	 * @param queue the queue, or {@code ""} for any
	 */
	public void afterCommit(String queue) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					QueueWakeups.this.pending.add(queue);
				}
			});
		}
		else {
			this.pending.add(queue);
		}
	}

	private void send() {
		List<String> taken = new ArrayList<>();
		while (!Thread.currentThread().isInterrupted()) {
			try {
				taken.add(this.pending.take());
				this.pending.drainTo(taken);
				Set<String> queues = new LinkedHashSet<>(taken);
				taken.clear();
				// one statement in autocommit, its commit not waiting for the flush
				this.jdbc.sql("""
						with relaxed as (select set_config('synchronous_commit', 'off', true))
						select count(pg_notify(?, queue)) from relaxed, unnest(?::text[]) as queue
						""").params(JobQueue.CHANNEL, queues.toArray(String[]::new)).query(Long.class).single();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (RuntimeException ex) {
				log.warn("Waking workers failed ({}); they find the jobs when they next poll", ex.toString());
			}
		}
	}

	@Override
	public void destroy() {
		this.sender.interrupt();
	}

}
