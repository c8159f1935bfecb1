package dev.nori.eventing.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.nori.eventing.EventingTestApplication;
import dev.nori.eventing.EventingTestApplication.ThingHappened;
import dev.nori.eventing.TopicReader;
import dev.nori.eventing.kafka.EventingKafka;
import dev.nori.eventing.tracing.TraceParents;
import dev.nori.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * A relay that dies after the broker took a batch but before it marked the batch
 * published: the transaction holding the batch never commits (as when the process is
 * killed), the next relay sends it again, and the consumer's inbox keeps it to one
 * effect.
 */
@SpringBootTest(classes = EventingTestApplication.class,
		properties = { "nori.eventing.relay.enabled=false", "nori.eventing.consumer.group-id=crash-it-${random.uuid}" })
@DirtiesContext
class OutboxRelayCrashIT {

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.postgresAndKafka(registry, "nori_test_eventing_crash");
	}

	@Autowired
	private Outbox outbox;

	@Autowired
	private OutboxRelay relay;

	@Autowired
	private EventingKafka kafka;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private TransactionTemplate transaction;

	@Test
	void relayKilledBetweenSendAndMarkSendsTwiceButHasOneEffect() {
		this.jdbc.sql("update eventing.outbox set published_at = now() where published_at is null").update();
		UUID id = this.transaction.execute((status) -> this.outbox.append(EventingTestApplication.THING_HAPPENED,
				"crash-1", new ThingHappened("crash", false)));

		OutboxStore dyingStore = new OutboxStore(this.jdbc) {
			@Override
			void markPublished(List<Long> seqs, Instant at) {
				throw new IllegalStateException("relay process killed before marking " + seqs.size() + " events");
			}
		};
		OutboxRelay dyingRelay = new OutboxRelay(dyingStore,
				new OutboxSender(this.kafka.template(), Duration.ofSeconds(10), TraceParents.none()), this.transaction,
				Clock.systemUTC(), 100, Duration.ofSeconds(1), Duration.ofDays(1), false);
		assertThatIllegalStateException().isThrownBy(dyingRelay::relayOnce).withMessageContaining("killed");
		assertThat(this.relay.backlog()).isEqualTo(1);

		assertThat(this.relay.relayOnce()).isEqualTo(1);
		assertThat(this.relay.backlog()).isZero();

		await().atMost(Duration.ofSeconds(30)).until(() -> sentCount(id) == 2);
		await().atMost(Duration.ofSeconds(30)).until(() -> effects(id) >= 1);
		// both copies were delivered to the consumer group; give the second one time to
		// be (not) applied
		await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
		assertThat(effects(id)).isEqualTo(1);
	}

	@Test
	void publishedEventsArePurgedAfterTheRetentionAndUnpublishedOnesNever() {
		UUID old = UUID.randomUUID();
		UUID recent = UUID.randomUUID();
		UUID pending = UUID.randomUUID();
		insert(old, "now() - interval '30 days'");
		insert(recent, "now() - interval '1 hour'");
		insert(pending, null);
		this.relay.purgePublished();
		assertThat(this.jdbc.sql("select id from eventing.outbox where id in (?, ?, ?)")
			.params(old, recent, pending)
			.query(UUID.class)
			.list()).containsExactlyInAnyOrder(recent, pending);
		this.jdbc.sql("delete from eventing.outbox where id = ?").param(pending).update();
	}

	private void insert(UUID id, String publishedAt) {
		this.jdbc
			.sql("insert into eventing.outbox (id, topic, record_key, type, source, occurred_at, data, published_at) "
					+ "values (?, 't', 'k', 'nori.test.thing.happened.v1', '/x', now(), '{}', "
					+ ((publishedAt != null) ? publishedAt : "null") + ")")
			.param(id)
			.update();
	}

	private long sentCount(UUID id) {
		return TopicReader.readAll(EventingTestApplication.THING_HAPPENED.topic(), Duration.ofSeconds(1))
			.stream()
			.filter((record) -> id.toString().equals(TopicReader.header(record, "ce_id")))
			.count();
	}

	private long effects(UUID eventId) {
		return this.jdbc.sql("select count(*) from effects where event_id = ?")
			.param(eventId)
			.query(Long.class)
			.single();
	}

}
