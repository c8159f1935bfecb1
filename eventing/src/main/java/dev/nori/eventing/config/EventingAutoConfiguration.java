package dev.nori.eventing.config;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import dev.nori.eventing.inbox.InboxConfiguration;
import dev.nori.eventing.kafka.EventingKafka;
import dev.nori.eventing.kafka.KafkaHealthIndicator;
import dev.nori.eventing.outbox.OutboxConfiguration;
import dev.nori.eventing.outbox.OutboxConfiguration.EventingSource;
import dev.nori.eventing.tracing.TraceParents;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * The event backbone of a service: outbox and relay, idempotent consumers with dead
 * letters, and a Kafka health indicator.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
		"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration" })
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties({ EventingProperties.class, KafkaProperties.class })
@Import({ OutboxConfiguration.class, InboxConfiguration.class })
public final class EventingAutoConfiguration {

	@Bean
	EventingSchema eventingSchema(DataSource dataSource) {
		return new EventingSchema(dataSource);
	}

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	@ConditionalOnMissingBean
	TraceParents traceParents(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		Tracer available = tracer.getIfAvailable();
		Propagator w3c = propagator.getIfAvailable();
		return (available != null && w3c != null) ? new TraceParents(available, w3c) : TraceParents.none();
	}

	@Bean
	EventingSource eventingSource(EventingProperties properties, Environment environment) {
		String source = properties.source();
		return new EventingSource((source != null && !source.isBlank()) ? source
				: "/nori/" + environment.getProperty("spring.application.name", "unnamed"));
	}

	@Bean
	EventingKafka eventingKafka(KafkaProperties kafka, EventingProperties properties, Environment environment) {
		String groupId = properties.consumer().groupId();
		return new EventingKafka(kafka.buildProducerProperties(), kafka.buildConsumerProperties(),
				(groupId != null && !groupId.isBlank()) ? groupId
						: environment.getProperty("spring.application.name", "nori"));
	}

	@Bean
	KafkaHealthIndicator kafkaHealthIndicator(KafkaProperties kafka) {
		return new KafkaHealthIndicator(kafka.buildAdminProperties(), Duration.ofSeconds(3));
	}

}
