package dev.nori.eventing.outbox;

import java.util.List;

import dev.nori.eventing.EventingTestApplication;
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

/**
 * The relay's read of unpublished events walks their index in order, whatever the planner
 * believes: a bitmap scan would visit every event published since the last vacuum on
 * every round.
 */
@SpringBootTest(classes = EventingTestApplication.class,
		properties = { "nori.eventing.relay.enabled=false", "nori.eventing.consumer.group-id=read-it-${random.uuid}" })
@DirtiesContext
class OutboxRelayReadIT {

	private static final String READ = """
			explain (analyze, buffers, costs off)
			select seq, id, topic, record_key, type, source, occurred_at, request_id, traceparent, data
			from eventing.outbox where published_at is null order by seq limit 100
			""";

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.postgresAndKafka(registry, "nori_test_eventing_read");
	}

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private TransactionTemplate transaction;

	@Test
	void unpublishedEventsAreReadThroughTheirIndexInOrder() {
		this.jdbc.sql("delete from eventing.outbox").update();
		// events stored and published as a busy relay leaves them between vacuums, then
		// three waiting
		this.jdbc.sql("""
				insert into eventing.outbox (id, topic, record_key, type, source, occurred_at, data, published_at)
				select gen_random_uuid(), 't', 'k', 'thing', 'test', now(), '{}', now() from generate_series(1, 3000)
				""").update();
		this.jdbc.sql("""
				insert into eventing.outbox (id, topic, record_key, type, source, occurred_at, data)
				select gen_random_uuid(), 't', 'k', 'thing', 'test', now(), '{}' from generate_series(1, 3)
				""").update();
		OutboxStore store = new OutboxStore(this.jdbc);

		List<String> plan = this.transaction.execute((status) -> {
			assertThat(store.tryLockRelay()).isTrue();
			assertThat(setting("enable_bitmapscan")).isEqualTo("off");
			assertThat(setting("enable_seqscan")).isEqualTo("off");
			return this.jdbc.sql(READ).query(String.class).list();
		});

		assertThat(plan).anySatisfy((line) -> assertThat(line).contains("Index Scan using outbox_unpublished"));
		assertThat(plan).noneSatisfy((line) -> assertThat(line).contains("Bitmap"));
		// set for the round's transaction only
		assertThat(setting("enable_bitmapscan")).isEqualTo("on");
		List<OutboxRecord> unpublished = this.transaction.execute((status) -> {
			store.tryLockRelay();
			return store.unpublished(100);
		});
		assertThat(unpublished).hasSize(3).isSortedAccordingTo((a, b) -> Long.compare(a.seq(), b.seq()));
	}

	private String setting(String name) {
		return this.jdbc.sql("select current_setting(?)").param(name).query(String.class).single();
	}

}
