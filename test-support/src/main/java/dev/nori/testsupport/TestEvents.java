package dev.nori.testsupport;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.nori.contracts.event.EventType;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes events to the test broker the way services' outbox relays do (CloudEvents in
 * binary mode), with ids the test chooses, so that a test can deliver one event several
 * times.
 */
public final class TestEvents implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
			Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG,
					"all", ProducerConfig.LINGER_MS_CONFIG, 0),
			new StringSerializer(), new ByteArraySerializer());

	/**
	 * Publishes an event and waits for the broker to take it.
	 * @param id the event id
	 * @param type the event type
	 * @param subject the aggregate id (the record key)
	 * @param payload the payload
	 * @param <T> the payload type
	 */
	public <T> void publish(UUID id, EventType<T> type, String subject, T payload) {
		try {
			this.producer.send(record(id, type, subject, payload)).get(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException | ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Publishing " + type.name() + " failed", ex);
		}
	}

	/**
	 * Publishes many events without waiting for each, then waits for all.
	 * @param type the event type
	 * @param payloads the payloads by event id
	 * @param subject the aggregate id of each
	 * @param <T> the payload type
	 */
	public <T> void publishAll(EventType<T> type, Map<UUID, T> payloads,
			java.util.function.Function<T, String> subject) {
		payloads.forEach((id, payload) -> this.producer.send(record(id, type, subject.apply(payload), payload)));
		this.producer.flush();
	}

	private static <T> ProducerRecord<String, byte[]> record(UUID id, EventType<T> type, String subject, T payload) {
		var event = CloudEventBuilder.v1()
			.withId(id.toString())
			.withSource(URI.create("/nori/test"))
			.withType(type.name())
			.withSubject(subject)
			.withTime(Instant.now().atOffset(ZoneOffset.UTC))
			.withDataContentType("application/json")
			.withData(JSON.writeValueAsString(payload).getBytes(StandardCharsets.UTF_8))
			.build();
		return KafkaMessageFactory.createWriter(type.topic(), subject).writeBinary(event);
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
