package dev.nori.eventing.inbox;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import dev.nori.eventing.config.EventingProperties;
import dev.nori.eventing.config.EventingSchema;
import dev.nori.eventing.kafka.DeadLetters;
import dev.nori.eventing.kafka.EventingKafka;
import dev.nori.eventing.tracing.TraceParents;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Consumption of the events this service has handlers for.
 */
@Configuration(proxyBeanMethods = false)
public class InboxConfiguration {

	@Bean
	Inbox inbox(JdbcClient jdbc, EventingSchema schema) {
		return new Inbox(jdbc);
	}

	@Bean
	EventConsumer eventConsumer(ObjectProvider<EventHandler<?>> handlers,
			ObjectProvider<EventFamilyHandler<?>> families, Inbox inbox, JsonMapper json,
			PlatformTransactionManager transactions, EventingKafka kafka, EventingProperties properties, Clock clock,
			TraceParents traces) {
		List<EventHandler<?>> all = new java.util.ArrayList<>(handlers.orderedStream().toList());
		families.orderedStream().forEach((family) -> all.addAll(FamilyMember.of(family)));
		EventDispatcher dispatcher = new EventDispatcher(all, inbox, json, new TransactionTemplate(transactions),
				traces);
		EventingProperties.Consumer consumer = properties.consumer();
		var errorHandler = DeadLetters.errorHandler(kafka.template(), consumer.maxAttempts(),
				consumer.initialBackoff().toMillis(), consumer.multiplier(), consumer.maxBackoff().toMillis(),
				UnreadableEventException.class);
		return new EventConsumer(dispatcher, kafka.consumers(), errorHandler, consumer.concurrency(), inbox, clock,
				consumer.inboxRetention());
	}

	@Bean
	ConsumerLag consumerLag(EventConsumer consumer, EventingKafka kafka, KafkaProperties properties,
			ObjectProvider<MeterRegistry> meters) {
		ConsumerLag lag = new ConsumerLag(properties.buildAdminProperties(), kafka.groupId(), consumer.topics(),
				Duration.ofSeconds(3));
		meters.ifAvailable((registry) -> Gauge.builder("nori.eventing.consumer.lag", lag, ConsumerLag::total)
			.description("records on the consumed topics not yet handled (-1: unknown)")
			.register(registry));
		return lag;
	}

}
