package dev.nori.eventing.inbox;

import java.util.List;

import dev.nori.contracts.event.EventEnvelope;
import dev.nori.contracts.event.EventType;

import org.springframework.util.ClassUtils;

/**
 * One type of an {@link EventFamilyHandler}, as the dispatcher sees it; handled events
 * are recorded under the family's class.
 */
final class FamilyMember<T> implements EventHandler<T> {

	private final EventFamilyHandler<T> family;

	private final EventType<T> type;

	private FamilyMember(EventFamilyHandler<T> family, EventType<T> type) {
		this.family = family;
		this.type = type;
	}

	static <T> List<EventHandler<?>> of(EventFamilyHandler<T> family) {
		return family.eventTypes().stream().<EventHandler<?>>map((type) -> new FamilyMember<>(family, type)).toList();
	}

	@Override
	public EventType<T> eventType() {
		return this.type;
	}

	@Override
	public void handle(EventEnvelope<T> event) {
		this.family.handle(event);
	}

	@Override
	public String consumerName() {
		return ClassUtils.getUserClass(this.family).getName();
	}

}
