package dev.nori.eventing.inbox;

import java.util.List;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * The Kafka listener container for this service's handlers; started only when there are
 * handlers.
 */
public class EventConsumer implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);

	private final @Nullable ConcurrentMessageListenerContainer<String, byte[]> container;

	private final List<String> topics;

	private final Inbox inbox;

	private final Clock clock;

	private final Duration inboxRetention;

	private @Nullable ScheduledExecutorService purger;

	EventConsumer(EventDispatcher dispatcher, ConsumerFactory<String, byte[]> consumers,
			DefaultErrorHandler errorHandler, int concurrency, Inbox inbox, Clock clock, Duration inboxRetention) {
		this.inbox = inbox;
		this.clock = clock;
		this.inboxRetention = inboxRetention;
		this.topics = dispatcher.topics();
		if (this.topics.isEmpty()) {
			this.container = null;
			return;
		}
		ContainerProperties properties = new ContainerProperties(this.topics.toArray(String[]::new));
		properties.setMessageListener(dispatcher);
		properties.setAckMode(ContainerProperties.AckMode.BATCH);
		this.container = new ConcurrentMessageListenerContainer<>(consumers, properties);
		this.container.setCommonErrorHandler(errorHandler);
		this.container.setConcurrency(concurrency);
		this.container.setBeanName("noriEventConsumer");
	}

	/**
	 * Returns the topics this service consumes.
	 * @return the topic names
	 */
	public List<String> topics() {
		return this.topics;
	}

	/**
	 * Tells whether every partition this consumer should read has been assigned to it.
	 * @return whether it is consuming
	 */
	public boolean isAssigned() {
		return this.container != null && this.container.getAssignedPartitions() != null
				&& !this.container.getAssignedPartitions().isEmpty();
	}

	/**
	 * Forgets handled event ids older than the inbox retention.
	 * @return how many were forgotten
	 */
	public int purgeInbox() {
		return this.inbox.deleteHandledBefore(this.clock.instant().minus(this.inboxRetention));
	}

	@Override
	public void start() {
		if (this.container != null) {
			this.container.start();
			this.purger = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("inbox-purge").factory());
			this.purger.scheduleWithFixedDelay(this::purgeQuietly, 1, 60, TimeUnit.MINUTES);
		}
	}

	@Override
	public void stop() {
		if (this.purger != null) {
			this.purger.shutdownNow();
		}
		if (this.container != null) {
			this.container.stop();
		}
	}

	private void purgeQuietly() {
		try {
			purgeInbox();
		}
		catch (RuntimeException ex) {
			log.warn("Purging the inbox failed, trying again in an hour: {}", ex.getMessage());
		}
	}

	@Override
	public boolean isRunning() {
		return this.container != null && this.container.isRunning();
	}

}
