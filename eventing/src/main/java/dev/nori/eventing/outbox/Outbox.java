package dev.nori.eventing.outbox;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import dev.nori.contracts.event.EventType;
import dev.nori.eventing.tracing.TraceParents;
import dev.nori.servicedefaults.core.requestid.RequestIds;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import tools.jackson.databind.ObjectMapper;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Stores domain events in the transaction of the state change they describe. The event is
 * published after commit by the {@link OutboxRelay}, never when the transaction rolls
 * back, and still when the process dies right after commit.
 */
public class Outbox {

	private final OutboxStore store;

	private final ObjectMapper json;

	private final Clock clock;

	private final Supplier<UUID> ids;

	private final String source;

	private final TraceParents traces;

	private final Runnable afterCommit;

	Outbox(OutboxStore store, ObjectMapper json, Clock clock, Supplier<UUID> ids, String source, TraceParents traces,
			Runnable afterCommit) {
		this.store = store;
		this.json = json;
		this.clock = clock;
		this.ids = ids;
		this.source = source;
		this.traces = traces;
		this.afterCommit = afterCommit;
	}

	/**
	 * Stores an event in the current transaction.
	 * @param type the event type
	 * @param subject the aggregate id: the CloudEvents subject and the Kafka record key
	 * @param payload the event's data
	 * @param <T> the payload type
	 * @return the new event's id
	 * @throws IllegalStateException when no transaction is active: the event must commit
	 * with the change it describes
	 */
	public <T> UUID append(EventType<T> type, String subject, T payload) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException(
					"Outbox.append needs an active transaction: an event must commit together with its state change");
		}
		UUID id = this.ids.get();
		this.store.insert(new OutboxRecord(0, id, type.topic(), subject, type.name(), this.source, this.clock.instant(),
				MDC.get(RequestIds.CONTEXT_KEY), this.traces.current(), this.json.writeValueAsString(payload)));
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				Outbox.this.afterCommit.run();
			}
		});
		return id;
	}

	/**
	 * Stores many events of one type in the current transaction with one statement.
	 * @param type the event type
	 * @param events the events, each with its subject (the Kafka record key)
	 * @param <T> the payload type
	 * @throws IllegalStateException when no transaction is active
	 */
	public <T> void appendAll(EventType<T> type, List<Subjected<T>> events) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException(
					"Outbox.appendAll needs an active transaction: events must commit together with their state change");
		}
		if (events.isEmpty()) {
			return;
		}
		String requestId = MDC.get(RequestIds.CONTEXT_KEY);
		String traceparent = this.traces.current();
		List<OutboxRecord> records = new ArrayList<>(events.size());
		for (Subjected<T> event : events) {
			records.add(new OutboxRecord(0, this.ids.get(), type.topic(), event.subject(), type.name(), this.source,
					this.clock.instant(), requestId, traceparent, this.json.writeValueAsString(event.payload())));
		}
		this.store.insertAll(records);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				Outbox.this.afterCommit.run();
			}
		});
	}

	/**
	 * An event payload with its subject.
	 *
	 * @param subject the aggregate id: the CloudEvents subject and the Kafka record key
	 * @param payload the event's data
	 * @param <T> the payload type
	 */
	public record Subjected<T>(String subject, T payload) {
	}

}
