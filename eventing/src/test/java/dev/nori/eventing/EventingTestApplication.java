package dev.nori.eventing;

import dev.nori.contracts.event.EventEnvelope;
import dev.nori.contracts.event.EventType;
import dev.nori.eventing.inbox.EventHandler;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A minimal service for the backbone's tests: one event type, one handler whose effect is
 * a row.
 */
@SpringBootApplication
public class EventingTestApplication {

	/** The test event: {@code fail} makes the handler throw every time. */
	public record ThingHappened(String name, boolean fail) {
	}

	/** The test event type. */
	public static final EventType<ThingHappened> THING_HAPPENED = EventType.of("nori.test.thing.happened.v1",
			"nori.test.things", ThingHappened.class);

	@Bean
	EventHandler<ThingHappened> thingHappenedHandler(JdbcClient jdbc) {
		jdbc.sql("create table if not exists effects (event_id uuid not null, name text not null)").update();
		return new ThingHappenedHandler(jdbc);
	}

	/** Records one effect row per handled event; duplicates would show as extra rows. */
	static class ThingHappenedHandler implements EventHandler<ThingHappened> {

		private final JdbcClient jdbc;

		ThingHappenedHandler(JdbcClient jdbc) {
			this.jdbc = jdbc;
		}

		@Override
		public EventType<ThingHappened> eventType() {
			return THING_HAPPENED;
		}

		@Override
		public void handle(EventEnvelope<ThingHappened> event) {
			if (event.data().fail()) {
				throw new IllegalStateException("thing " + event.data().name() + " cannot be handled");
			}
			this.jdbc.sql("insert into effects (event_id, name) values (?, ?)")
				.params(event.id(), event.data().name())
				.update();
		}

	}

}
