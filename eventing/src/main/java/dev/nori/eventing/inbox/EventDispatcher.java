package dev.nori.eventing.inbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
		// read first, so that an unreadable record fails at its own index
		List<Received> received = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			try {
				received.add(receive(records.get(i)));
			}
			catch (RuntimeException ex) {
				return new Failure(i, ex);
			}
		}
		int[] current = { 0 };
		try {
			this.transaction.executeWithoutResult((status) -> {
				// one round trip claims the whole batch for every handler
				List<Inbox.Claim> claims = new ArrayList<>();
				for (Received event : received) {
					for (EventHandler<?> handler : event.handlers()) {
						claims.add(new Inbox.Claim(handler.consumerName(), Objects.requireNonNull(event.id())));
					}
				}
				Set<Inbox.Claim> firsts = this.inbox.claimAll(claims);
				for (current[0] = 0; current[0] < count; current[0]++) {
					apply(received.get(current[0]), firsts);
				}
			});
			return null;
		}
		catch (RuntimeException ex) {
			return new Failure(current[0], ex);
		}
	}

	private Received receive(ConsumerRecord<String, byte[]> record) {
		CloudEvent event = read(record);
		List<EventHandler<?>> handlers = this.handlersByType.getOrDefault(event.getType(), List.of());
		if (handlers.isEmpty()) {
			log.debug("No handler for event type {} on {}", event.getType(), record.topic());
			return new Received(record, event, null, handlers);
		}
		try {
			return new Received(record, event, UUID.fromString(event.getId()), handlers);
		}
		catch (IllegalArgumentException ex) {
			throw new UnreadableEventException("Event id '" + event.getId() + "' is not a UUID", ex);
		}
	}

	private void apply(Received received, Set<Inbox.Claim> firsts) {
		if (received.handlers().isEmpty()) {
			return;
		}
		CloudEvent event = received.event();
		UUID id = Objects.requireNonNull(received.id());
		String requestId = stringExtension(event, EventEnvelope.REQUEST_ID_EXTENSION);
		if (requestId != null && RequestIds.isSafe(requestId)) {
			MDC.put(RequestIds.CONTEXT_KEY, requestId);
		}
		try {
			// the handlers continue the producer's trace: what they store or
			// call joins it
			this.traces.run(stringExtension(event, EventEnvelope.TRACEPARENT_EXTENSION),
					received.record().topic() + " process", Span.Kind.CONSUMER, () -> {
						for (EventHandler<?> handler : received.handlers()) {
							dispatch(handler, event, id, firsts);
						}
					});
		}
		finally {
			MDC.remove(RequestIds.CONTEXT_KEY);
		}
	}

	private <T> void dispatch(EventHandler<T> handler, CloudEvent event, UUID id, Set<Inbox.Claim> firsts) {
		String consumer = handler.consumerName();
		// removed once used: a copy later in the same batch is a duplicate too
		if (firsts.remove(new Inbox.Claim(consumer, id))) {
			handler.handle(envelope(event, id, handler.eventType().payloadType()));
		}
		else {
			log.debug("Event {} was already handled by {}", event.getId(), consumer);
		}
	}

	// a record read as a CloudEvent, with the handlers of its type
	private record Received(ConsumerRecord<String, byte[]> record, CloudEvent event, @Nullable UUID id,
			List<EventHandler<?>> handlers) {
	}

	private record Failure(int index, RuntimeException exception) {
	}

	private <T> EventEnvelope<T> envelope(CloudEvent event, UUID id, Class<T> payloadType) {
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
