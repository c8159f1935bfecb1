package dev.nori.jobs;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.nori.testsupport.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code kafka.publish} jobs against the real broker. */
class KafkaPublishIT extends JobServiceIT {

	@Test
	void aRecordIsPublishedWithItsKeyValueAndHeaders() {
		String topic = "jobs-it-" + UUID.randomUUID();
		String id = enqueue(Map.of("type", "kafka.publish", "payload", Map.of("topic", topic, "key", "order-7", "value",
				Map.of("total", 42), "headers", Map.of("source", "jobs-it"))))
			.get("id")
			.asString();
		await().atMost(Duration.ofSeconds(20)).until(() -> "succeeded".equals(job(id).get("state").asString()));
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, "jobs-it-" + UUID.randomUUID(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			ConsumerRecord<String, String> record = null;
			for (int i = 0; i < 20 && record == null; i++) {
				ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
				record = records.isEmpty() ? null : records.iterator().next();
			}
			assertThat(record).isNotNull();
			assertThat(record.key()).isEqualTo("order-7");
			assertThat(record.value()).isEqualTo("{\"total\":42}");
			assertThat(new String(record.headers().lastHeader("source").value(), StandardCharsets.UTF_8))
				.isEqualTo("jobs-it");
		}
	}

	@Test
	void norisOwnAndInternalTopicsAreRefused() {
		for (String topic : List.of("nori.content.articles", "__consumer_offsets", "bad topic!")) {
			assertThat(send("POST", "/api/jobs",
					Map.of("type", "kafka.publish", "payload", Map.of("topic", topic, "value", "x")), token(MANAGER))
				.statusCode()).as(topic).isEqualTo(400);
		}
	}

}
