package dev.nori.content.author;

import dev.nori.contracts.auth.UserRegistered;
import dev.nori.contracts.event.EventEnvelope;
import dev.nori.contracts.event.EventType;
import dev.nori.eventing.inbox.EventHandler;

import org.springframework.stereotype.Component;

/**
 * Learns a new user's display name (and address) so their content shows who wrote it.
 */
@Component
class UserRegisteredHandler implements EventHandler<UserRegistered> {

	private final Authors authors;

	UserRegisteredHandler(Authors authors) {
		this.authors = authors;
	}

	@Override
	public EventType<UserRegistered> eventType() {
		return UserRegistered.TYPE;
	}

	@Override
	public void handle(EventEnvelope<UserRegistered> event) {
		UserRegistered user = event.data();
		this.authors.record(user.userId().toString(), user.displayName(), user.email());
	}

}
