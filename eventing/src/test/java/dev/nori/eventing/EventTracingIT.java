package dev.nori.eventing;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.nori.eventing.EventingTestApplication.ThingHappened;
import dev.nori.eventing.outbox.Outbox;
import dev.nori.testsupport.TestInfrastructure;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace across the backbone: the span that stores an event is the ancestor of the
 * relay's publish span and of the consumer's process span, through a real broker.
 */
@SpringBootTest(classes = EventingTestApplication.class,
		properties = { "nori.eventing.consumer.group-id=tracing-it-${random.uuid}",
				"management.opentelemetry.tracing.export.schedule-delay=100ms" })
@AutoConfigureTracing
@Import(EventTracingIT.Spans.class)
@DirtiesContext
class EventTracingIT {

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.postgresAndKafka(registry, "nori_test_eventing");
	}

	@Autowired
	private Outbox outbox;

	@Autowired
	private TransactionTemplate transaction;

	@Autowired
	private Tracer tracer;

	@Autowired
	private InMemorySpanExporter spans;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void theConsumerContinuesTheTraceOfTheRequestThatStoredTheEvent() {
		String name = "traced-" + UUID.randomUUID();
		Span request = this.tracer.nextSpan().name("request").start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(request)) {
			this.transaction.executeWithoutResult((status) -> this.outbox.append(EventingTestApplication.THING_HAPPENED,
					"thing-traced", new ThingHappened(name, false)));
		}
		finally {
			request.end();
		}
		String traceId = request.context().traceId();

		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.sql("select count(*) from effects where name = ?")
				.param(name)
				.query(Integer.class)
				.single() == 1);
		await().atMost(Duration.ofSeconds(10)).until(() -> span(traceId, SpanKind.CONSUMER) != null);

		SpanData publish = span(traceId, SpanKind.PRODUCER);
		SpanData process = span(traceId, SpanKind.CONSUMER);
		assertThat(publish).isNotNull();
		assertThat(publish.getName()).isEqualTo("nori.test.things publish");
		assertThat(publish.getParentSpanId()).isEqualTo(request.context().spanId());
		assertThat(process.getName()).isEqualTo("nori.test.things process");
		assertThat(process.getParentSpanId()).isEqualTo(publish.getSpanId());
	}

	@Test
	void anEventStoredOutsideATraceIsProcessedInATraceOfItsOwn() {
		String name = "untraced-" + UUID.randomUUID();
		this.transaction.executeWithoutResult((status) -> this.outbox.append(EventingTestApplication.THING_HAPPENED,
				"thing-untraced", new ThingHappened(name, false)));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.sql("select count(*) from effects where name = ?")
				.param(name)
				.query(Integer.class)
				.single() == 1);
		// stored without a trace context, and processed in a root span of its own
		assertThat(this.jdbc.sql("select count(*) from eventing.outbox where data like ? and traceparent is null")
			.param("%" + name + "%")
			.query(Integer.class)
			.single()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.spans.getFinishedSpanItems()
				.stream()
				.anyMatch((span) -> span.getKind() == SpanKind.CONSUMER && !span.getParentSpanContext().isValid()));
	}

	private SpanData span(String traceId, SpanKind kind) {
		List<SpanData> matching = this.spans.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getTraceId().equals(traceId) && span.getKind() == kind)
			.toList();
		return matching.isEmpty() ? null : matching.get(0);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Spans {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

	}

}
