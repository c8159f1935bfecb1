package dev.nori.benchmarks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import dev.nori.contracts.event.EventEnvelope;
import dev.nori.contracts.event.EventType;
import dev.nori.eventing.inbox.EventHandler;
import dev.nori.eventing.kafka.EventingKafka;
import dev.nori.eventing.outbox.Outbox;
import dev.nori.testsupport.TestKafka;
import dev.nori.testsupport.TestPostgres;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Outbox commit → consumer receive latency at a steady rate, against a baseline measured
 * in the same run: the same events sent straight to Kafka (no outbox) and handled by the
 * same idempotent consumer. Real PostgreSQL and a real Kafka broker process.
 * <p>
 * Settings (system properties): {@code rate} events per second (1000), {@code seconds}
 * per phase (20), {@code warmup} seconds (5).
 */
@SpringBootApplication
public class OutboxLatencyBenchmark {

	record Ping(long sequence) {
	}

	static final EventType<Ping> PING = EventType.of("nori.bench.ping.sent.v1", "nori.bench.pings", Ping.class);

	private static volatile LatencyRecorder current = new LatencyRecorder();

	@Bean
	EventHandler<Ping> pingHandler() {
		return new EventHandler<>() {
			@Override
			public EventType<Ping> eventType() {
				return PING;
			}

			@Override
			public void handle(EventEnvelope<Ping> event) {
				current.received(event.data().sequence(), System.nanoTime());
			}
		};
	}

	/**
	 * Runs the benchmark and prints its results.
	 * @param args ignored
	 * @throws Exception when the run fails
	 */
	public static void main(String[] args) throws Exception {
		int rate = Integer.getInteger("rate", 1000);
		Duration phase = Duration.ofSeconds(Long.getLong("seconds", 15));
		Duration warmup = Duration.ofSeconds(Long.getLong("warmup", 10));
		int rounds = Integer.getInteger("rounds", 2);
		String bootstrap = TestKafka.bootstrapServers();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(OutboxLatencyBenchmark.class)
			.web(WebApplicationType.NONE)
			.run("--spring.application.name=benchmark", "--spring.datasource.url=" + TestPostgres.jdbcUrl("nori_bench"),
					"--spring.datasource.username=" + TestPostgres.username(),
					// the services on this classpath (for other benchmarks) bring their
					// own migrations; the outbox's schema has its own
					"--spring.flyway.enabled=false", "--spring.kafka.bootstrap-servers=" + bootstrap,
					"--nori.eventing.consumer.group-id=benchmark-" + UUID.randomUUID(), "--LOG_FORMAT=text",
					"--logging.level.root=WARN")) {
			Outbox outbox = context.getBean(Outbox.class);
			TransactionTemplate transaction = context.getBean(TransactionTemplate.class);
			EventingKafka kafka = context.getBean(EventingKafka.class);
			AtomicLong sequence = new AtomicLong();

			LongConsumer viaOutbox = (n) -> transaction
				.executeWithoutResult((status) -> outbox.append(PING, "ping-" + (n % 64), new Ping(n)));
			LongConsumer direct = (n) -> kafka.template().send(directRecord(n));

			System.out.printf(Locale.ROOT,
					"settings: rate %d events/s, %d s per phase, %d rounds, %d s warm-up per path, %d cores, kafka %s, relay batch %s, poll %s%n",
					rate, phase.toSeconds(), rounds, warmup.toSeconds(), Runtime.getRuntime().availableProcessors(),
					bootstrap, context.getEnvironment().getProperty("nori.eventing.relay.batch-size", "500"),
					context.getEnvironment().getProperty("nori.eventing.relay.poll-interval", "1s"));
			run("warm-up: direct send", direct, rate, warmup, sequence);
			run("warm-up: outbox", viaOutbox, rate, warmup, sequence);
			// alternate the two, so neither profits from running later on a warmer JVM
			for (int round = 1; round <= rounds; round++) {
				LatencyRecorder.Summary baseline = run("baseline: direct send", direct, rate, phase, sequence);
				LatencyRecorder.Summary outboxed = run("outbox: commit + relay", viaOutbox, rate, phase, sequence);
				System.out.printf(Locale.ROOT, "round %d ratio outbox/baseline: p50 %s, p90 %s, p99 %s%n", round,
						LatencyRecorder.ratio(outboxed.p50(), baseline.p50()),
						LatencyRecorder.ratio(outboxed.p90(), baseline.p90()),
						LatencyRecorder.ratio(outboxed.p99(), baseline.p99()));
			}
		}
		System.exit(0);
	}

	private static LatencyRecorder.Summary run(String name, LongConsumer publish, int rate, Duration duration,
			AtomicLong sequence) throws InterruptedException {
		LatencyRecorder recorder = new LatencyRecorder();
		current = recorder;
		long total = rate * duration.toSeconds();
		AtomicLong issued = new AtomicLong();
		ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
		ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
		ticker.scheduleAtFixedRate(() -> {
			if (issued.incrementAndGet() > total) {
				return;
			}
			long n = sequence.incrementAndGet();
			workers.execute(() -> {
				recorder.started(n, System.nanoTime());
				publish.accept(n);
			});
		}, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
		while (issued.get() < total) {
			Thread.sleep(100);
		}
		ticker.shutdownNow();
		workers.shutdown();
		workers.awaitTermination(30, TimeUnit.SECONDS);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (recorder.received() < recorder.expected() && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		LatencyRecorder.Summary summary = recorder.summary();
		System.out.printf(Locale.ROOT, "%-24s %s, duplicates %d%n", name, summary.describe(), recorder.duplicates());
		return summary;
	}

	private static org.apache.kafka.clients.producer.ProducerRecord<String, byte[]> directRecord(long n) {
		return KafkaMessageFactory.createWriter(PING.topic(), "ping-" + (n % 64))
			.writeBinary(CloudEventBuilder.v1()
				.withId(UUID.randomUUID().toString())
				.withSource(URI.create("/nori/benchmark"))
				.withType(PING.name())
				.withSubject("ping-" + (n % 64))
				.withTime(OffsetDateTime.now())
				.withDataContentType("application/json")
				.withData(("{\"sequence\":" + n + "}").getBytes(StandardCharsets.UTF_8))
				.build());
	}

}
