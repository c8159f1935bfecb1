package dev.nori.eventing.inbox;

import java.util.List;

import dev.nori.contracts.event.EventEnvelope;
import dev.nori.contracts.event.EventType;

/**
 * Handles several event types that carry the same payload (every article event, every job
 * outcome) in one bean. The dispatcher treats it as one {@link EventHandler} per type,
 * with the same guarantees: at most once per event id, inside the transaction that
 * records it.
 *
 * @param <T> the payload type
 */
public interface EventFamilyHandler<T> {

	/**
	 * Returns the event types this handler consumes.
	 * @return the event types
	 */
	List<EventType<T>> eventTypes();

	/**
	 * Applies one event of any of the types.
	 * @param event the event; {@link EventEnvelope#type()} says which
	 */
	void handle(EventEnvelope<T> event);

}
