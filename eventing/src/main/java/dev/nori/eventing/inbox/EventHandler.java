package dev.nori.eventing.inbox;

import dev.nori.contracts.event.EventEnvelope;
import dev.nori.contracts.event.EventType;

import org.springframework.util.ClassUtils;

/**
 * Handles one event type a service consumes. Declare one bean per consumed event; the
 * dispatcher calls it at most once per event id (an inbox row committed with the
 * handler's own changes), so redelivered events have one effect.
 * <p>
 * Throwing makes the record retry with backoff and then go to the topic's dead-letter
 * topic.
 *
 * @param <T> the payload type
 */
public interface EventHandler<T> {

	/**
	 * Returns the event type this handler consumes.
	 * @return the event type
	 */
	EventType<T> eventType();

	/**
	 * Applies the event, inside the transaction that records it as handled.
	 * @param event the event
	 */
	void handle(EventEnvelope<T> event);

	/**
	 * Returns the name the inbox records handled events under: the handler's class.
	 * @return the consumer name
	 */
	default String consumerName() {
		return ClassUtils.getUserClass(this).getName();
	}

}
