package dev.nori.eventing.inbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.nori.contracts.event.EventEnvelope;
import dev.nori.eventing.tracing.TraceParents;
import dev.nori.servicedefaults.core.requestid.RequestIds;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import io.micrometer.tracing.Span;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;

import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns Kafka records into events and hands each to its handlers, once per event id.
 * Types without a handler are skipped: readers ignore what they do not know.
 */
class EventDispatcher implements BatchMessageListener<String, byte[]> {

	private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

	private final Map<String, List<EventHandler<?>>> handlersByType;

	private final Inbox inbox;

	private final ObjectMapper json;

	private final TransactionTemplate transaction;

	private final TraceParents traces;

	EventDispatcher(List<EventHandler<?>> handlers, Inbox inbox, ObjectMapper json, TransactionTemplate transaction,
			TraceParents traces) {
		this.handlersByType = handlers.stream().collect(Collectors.groupingBy((handler) -> handler.eventType().name()));
		this.inbox = inbox;
		this.json = json;
		this.transaction = transaction;
		this.traces = traces;
	}

	List<String> topics() {
		return this.handlersByType.values()
			.stream()
			.flatMap(List::stream)
			.map((handler) -> handler.eventType().topic())
			.distinct()
			.sorted()
			.toList();
	}

	/**
	 * Applies a polled batch in one transaction (one commit for many events). When a
	 * record fails, the records before it are applied again in a transaction of their
	 * own, since the failure rolled them back but their offsets will be committed; the
	 * failing record is then retried with backoff and finally dead-lettered by the
	 * container's error handler.
	 */
	@Override
	public void onMessage(List<ConsumerRecord<String, byte[]>> records) {
		Failure failure = applyInOneTransaction(records, records.size());
		if (failure == null) {
			return;
		}
		while (failure.index() > 0) {
			Failure earlier = applyInOneTransaction(records, failure.index());
			if (earlier == null) {
				break;
			}
			failure = earlier;
		}
		throw new BatchListenerFailedException(failure.exception().getMessage(), failure.exception(), failure.index());
	}

	private @Nullable Failure applyInOneTransaction(List<ConsumerRecord<String, byte[]>> records, int count) {
		int[] current = { 0 };
		try {
			this.transaction.executeWithoutResult((status) -> {
				for (current[0] = 0; current[0] < count; current[0]++) {
					apply(records.get(current[0]));
				}
			});
			return null;
		}
		catch (RuntimeException ex) {
			return new Failure(current[0], ex);
		}
	}

	private void apply(ConsumerRecord<String, byte[]> record) {
		CloudEvent event = read(record);
		List<EventHandler<?>> handlers = this.handlersByType.get(event.getType());
		if (handlers == null) {
			log.debug("No handler for event type {} on {}", event.getType(), record.topic());
			return;
		}
		String requestId = stringExtension(event, EventEnvelope.REQUEST_ID_EXTENSION);
		if (requestId != null && RequestIds.isSafe(requestId)) {
			MDC.put(RequestIds.CONTEXT_KEY, requestId);
		}
		try {
			// the handlers continue the producer's trace: what they store or call joins
			// it
			this.traces.run(stringExtension(event, EventEnvelope.TRACEPARENT_EXTENSION), record.topic() + " process",
					Span.Kind.CONSUMER, () -> {
						for (EventHandler<?> handler : handlers) {
							dispatch(handler, event);
						}
					});
		}
		finally {
			MDC.remove(RequestIds.CONTEXT_KEY);
		}
	}

	private <T> void dispatch(EventHandler<T> handler, CloudEvent event) {
		EventEnvelope<T> envelope = envelope(event, handler.eventType().payloadType());
		String consumer = handler.consumerName();
		if (this.inbox.claim(consumer, envelope.id())) {
			handler.handle(envelope);
		}
		else {
			log.debug("Event {} was already handled by {}", envelope.id(), consumer);
		}
	}

	private record Failure(int index, RuntimeException exception) {
	}

	private <T> EventEnvelope<T> envelope(CloudEvent event, Class<T> payloadType) {
		if (event.getData() == null) {
			throw new UnreadableEventException("Event " + event.getId() + " has no data", null);
		}
		T payload;
		try {
			payload = this.json.readerFor(payloadType)
				.without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
				.readValue(event.getData().toBytes());
		}
		catch (JacksonException ex) {
			throw new UnreadableEventException("Event " + event.getId() + " of type " + event.getType()
					+ " has unreadable data: " + ex.getOriginalMessage(), ex);
		}
		UUID id;
		try {
			id = UUID.fromString(event.getId());
		}
		catch (IllegalArgumentException ex) {
			throw new UnreadableEventException("Event id '" + event.getId() + "' is not a UUID", ex);
		}
		Instant time = (event.getTime() != null) ? event.getTime().toInstant() : Instant.EPOCH;
		return new EventEnvelope<>(id, event.getSource().toString(), event.getType(),
				(event.getSubject() != null) ? event.getSubject() : "", time,
				stringExtension(event, EventEnvelope.REQUEST_ID_EXTENSION),
				stringExtension(event, EventEnvelope.TRACEPARENT_EXTENSION), payload);
	}

	private static CloudEvent read(ConsumerRecord<String, byte[]> record) {
		try {
			return KafkaMessageFactory.createReader(record).toEvent();
		}
		catch (CloudEventRWException | IllegalStateException ex) {
			throw new UnreadableEventException("Record at " + record.topic() + "-" + record.partition() + "@"
					+ record.offset() + " is not a CloudEvent: " + ex.getMessage(), ex);
		}
	}

	private static String stringExtension(CloudEvent event, String name) {
		Object value = event.getExtension(name);
		return (value != null) ? value.toString() : null;
	}

}
