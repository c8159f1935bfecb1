package dev.nori.servicedefaults.background;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.context.SmartLifecycle;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Work a request starts but need not wait for (Nori's {@code background()}): run on a
 * virtual thread after the response is sent, with the request's log context, failures
 * logged with its request id, and drained at shutdown. Not durable: work that must
 * survive a crash belongs in job-service.
 */
public class BackgroundTasks implements SmartLifecycle {

	static final String PENDING_ATTRIBUTE = BackgroundTasks.class.getName() + ".pending";

	private static final Logger log = LoggerFactory.getLogger(BackgroundTasks.class);

	private final ExecutorService executor = Executors
		.newThreadPerTaskExecutor(Thread.ofVirtual().name("background-", 0).factory());

	private final Duration drainTimeout;

	private final AtomicLong failures = new AtomicLong();

	private volatile boolean running;

	/**
	 * Creates the task runner.
	 * @param drainTimeout how long shutdown waits for running tasks
	 */
	public BackgroundTasks(Duration drainTimeout) {
		this.drainTimeout = drainTimeout;
	}

	/**
	 * Runs a task after the current response is sent, or at once outside a request.
	 * @param task the work
	 */
	public void run(Runnable task) {
		if (!this.running) {
			throw new IllegalStateException("Background tasks are not accepted while the service is stopping");
		}
		Runnable withContext = withLogContext(task);
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request == null) {
			this.executor.execute(withContext);
			return;
		}
		@SuppressWarnings("unchecked")
		List<Runnable> pending = (List<Runnable>) request.getAttribute(PENDING_ATTRIBUTE,
				RequestAttributes.SCOPE_REQUEST);
		if (pending == null) {
			pending = new ArrayList<>();
			request.setAttribute(PENDING_ATTRIBUTE, pending, RequestAttributes.SCOPE_REQUEST);
		}
		pending.add(withContext);
	}

	/**
	 * Returns how many tasks failed since start.
	 * @return the failure count
	 */
	public long failures() {
		return this.failures.get();
	}

	void submitAll(List<Runnable> tasks) {
		tasks.forEach(this.executor::execute);
	}

	private Runnable withLogContext(Runnable task) {
		Map<String, String> context = MDC.getCopyOfContextMap();
		return () -> {
			if (context != null) {
				MDC.setContextMap(context);
			}
			try {
				task.run();
			}
			catch (RuntimeException | Error ex) {
				this.failures.incrementAndGet();
				log.error("Background task failed", ex);
			}
			finally {
				MDC.clear();
			}
		};
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.executor.shutdown();
		try {
			if (!this.executor.awaitTermination(this.drainTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
				log.warn("Background tasks still running after {} s: interrupting them", this.drainTimeout.toSeconds());
				this.executor.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.executor.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// after the web server stopped taking requests, before the data source closes
		return SmartLifecycle.DEFAULT_PHASE - 500;
	}

}
