package dev.nori.eventing.outbox;

import java.time.Clock;

import dev.nori.eventing.config.EventingProperties;
import dev.nori.eventing.config.EventingSchema;
import dev.nori.eventing.kafka.EventingKafka;
import dev.nori.eventing.tracing.TraceParents;
import dev.nori.servicedefaults.core.ids.TimeOrderedIds;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox and its relay.
 */
@Configuration(proxyBeanMethods = false)
public class OutboxConfiguration {

	@Bean
	OutboxStore outboxStore(JdbcClient jdbc, EventingSchema schema) {
		return new OutboxStore(jdbc);
	}

	@Bean
	OutboxRelay outboxRelay(OutboxStore store, EventingKafka kafka, PlatformTransactionManager transactions,
			Clock clock, EventingProperties properties, TraceParents traces) {
		EventingProperties.Relay relay = properties.relay();
		return new OutboxRelay(store, new OutboxSender(kafka.template(), relay.sendTimeout(), traces),
				new TransactionTemplate(transactions), clock, relay.batchSize(), relay.pollInterval(),
				relay.retention(), relay.enabled());
	}

	@Bean
	MeterBinder outboxMetrics(OutboxRelay relay) {
		return (registry) -> {
			Gauge.builder("nori.eventing.outbox.backlog", relay, OutboxRelay::backlog)
				.description("Events stored in the outbox and not yet published")
				.register(registry);
			Gauge.builder("nori.eventing.outbox.oldest.age", relay, OutboxRelay::oldestUnpublishedAgeSeconds)
				.description("How long the oldest event not yet published has waited")
				.baseUnit("seconds")
				.register(registry);
		};
	}

	@Bean
	Outbox outbox(OutboxStore store, JsonMapper json, Clock clock, EventingSource source, TraceParents traces,
			OutboxRelay relay) {
		// in creation order: the outbox's and every consumer's inbox index on event ids
		// take them side by side
		return new Outbox(store, json, clock, new TimeOrderedIds(clock)::next, source.uri(), traces, relay::wake);
	}

	/**
	 * The CloudEvents source of this service's events.
	 *
	 * @param uri the source URI reference
	 */
	public record EventingSource(String uri) {
	}

}
