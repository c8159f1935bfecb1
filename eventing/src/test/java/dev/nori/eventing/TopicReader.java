package dev.nori.eventing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.nori.testsupport.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads everything on a topic with a plain Kafka consumer, to assert what was really
 * published.
 */
public final class TopicReader {

	private TopicReader() {
	}

	/**
	 * Reads all records of a topic from the beginning until it has been quiet for a
	 * while.
	 * @param topic the topic
	 * @param quiet how long no new record may arrive before reading stops
	 * @return the records
	 */
	public static List<ConsumerRecord<String, byte[]>> readAll(String topic, Duration quiet) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
				ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10))
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Instant lastRecord = Instant.now();
			while (Duration.between(lastRecord, Instant.now()).compareTo(quiet) < 0) {
				var batch = consumer.poll(Duration.ofMillis(200));
				if (!batch.isEmpty()) {
					batch.forEach(records::add);
					lastRecord = Instant.now();
				}
			}
		}
		return records;
	}

	/**
	 * Returns a header's value as text.
	 * @param record the record
	 * @param name the header name
	 * @return the value, or {@code null} when absent
	 */
	public static String header(ConsumerRecord<String, byte[]> record, String name) {
		var header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
