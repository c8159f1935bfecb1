package dev.nori.eventing.outbox;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.nori.contracts.event.EventEnvelope;
import dev.nori.eventing.tracing.TraceParents;
import io.micrometer.tracing.Span;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.SendResult;

/**
 * Sends stored events to Kafka as CloudEvents in binary mode ({@code ce_*} headers, JSON
 * data), keyed by aggregate id.
 */
class OutboxSender {

	private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

	private final KafkaOperations<String, byte[]> kafka;

	private final Duration timeout;

	private final TraceParents traces;

	OutboxSender(KafkaOperations<String, byte[]> kafka, Duration timeout, TraceParents traces) {
		this.kafka = kafka;
		this.timeout = timeout;
		this.traces = traces;
	}

	/**
	 * Sends a batch in order and waits for the broker.
	 * @return the sequence numbers acknowledged, in order, up to the first failure
	 */
	List<Long> send(List<OutboxRecord> batch) {
		List<CompletableFuture<SendResult<String, byte[]>>> futures = new ArrayList<>(batch.size());
		for (OutboxRecord record : batch) {
			futures.add(send(record));
		}
		List<Long> acknowledged = new ArrayList<>(batch.size());
		long deadline = System.nanoTime() + this.timeout.toNanos();
		for (int i = 0; i < batch.size(); i++) {
			try {
				futures.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
				acknowledged.add(batch.get(i).seq());
			}
			catch (ExecutionException | TimeoutException ex) {
				log.warn("Publishing outbox events stopped at event {} ({} of {} sent): {}", batch.get(i).id(),
						acknowledged.size(), batch.size(), rootMessage(ex));
				break;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return acknowledged;
	}

	// an event stored within a trace is published in a span of that trace, whose context
	// the consumer continues
	private CompletableFuture<SendResult<String, byte[]>> send(OutboxRecord record) {
		if (record.traceparent() == null) {
			return this.kafka.send(toProducerRecord(record));
		}
		Span span = this.traces.start(record.traceparent(), record.topic() + " publish", Span.Kind.PRODUCER)
			.tag("messaging.system", "kafka")
			.tag("messaging.destination.name", record.topic())
			.tag("cloudevents.event_type", record.type());
		String traceparent = this.traces.of(span);
		OutboxRecord traced = (traceparent != null) ? record.withTraceparent(traceparent) : record;
		return this.kafka.send(toProducerRecord(traced)).whenComplete((result, failure) -> {
			if (failure != null) {
				span.error(failure);
			}
			span.end();
		});
	}

	static ProducerRecord<String, byte[]> toProducerRecord(OutboxRecord record) {
		return KafkaMessageFactory.createWriter(record.topic(), record.key()).writeBinary(toCloudEvent(record));
	}

	static CloudEvent toCloudEvent(OutboxRecord record) {
		CloudEventBuilder builder = CloudEventBuilder.v1()
			.withId(record.id().toString())
			.withSource(URI.create(record.source()))
			.withType(record.type())
			.withSubject(record.key())
			.withTime(record.occurredAt().atOffset(ZoneOffset.UTC))
			.withDataContentType("application/json")
			.withData(record.data().getBytes(StandardCharsets.UTF_8));
		if (record.requestId() != null) {
			builder.withExtension(EventEnvelope.REQUEST_ID_EXTENSION, record.requestId());
		}
		if (record.traceparent() != null) {
			builder.withExtension(EventEnvelope.TRACEPARENT_EXTENSION, record.traceparent());
		}
		return builder.build();
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

}
