package dev.nori.eventing.inbox;

import java.util.List;

import org.jspecify.annotations.Nullable;

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

	private final @Nullable ConcurrentMessageListenerContainer<String, byte[]> container;

	private final List<String> topics;

	EventConsumer(EventDispatcher dispatcher, ConsumerFactory<String, byte[]> consumers,
			DefaultErrorHandler errorHandler, int concurrency) {
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

	@Override
	public void start() {
		if (this.container != null) {
			this.container.start();
		}
	}

	@Override
	public void stop() {
		if (this.container != null) {
			this.container.stop();
		}
	}

	@Override
	public boolean isRunning() {
		return this.container != null && this.container.isRunning();
	}

}
