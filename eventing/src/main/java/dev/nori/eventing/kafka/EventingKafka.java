package dev.nori.eventing.kafka;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The Kafka clients of the event backbone, built from Spring Boot's
 * {@code spring.kafka.*} connection settings with the guarantees the backbone needs:
 * string keys and raw CloudEvents bodies, acknowledgement by all replicas, idempotent
 * (ordered) sends, bounded blocking when the broker is away, and consumers that commit
 * only what was handled.
 */
public class EventingKafka implements DisposableBean {

	private final DefaultKafkaProducerFactory<String, byte[]> producers;

	private final KafkaTemplate<String, byte[]> template;

	private final DefaultKafkaConsumerFactory<String, byte[]> consumers;

	/**
	 * Creates the clients.
	 * @param producerProperties Boot's producer properties
	 * @param consumerProperties Boot's consumer properties
	 * @param groupId the consumer group of this service
	 */
	public EventingKafka(Map<String, Object> producerProperties, Map<String, Object> consumerProperties,
			String groupId) {
		Map<String, Object> producer = new HashMap<>(producerProperties);
		producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		producer.put(ProducerConfig.ACKS_CONFIG, "all");
		producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		producer.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
		// a broker that is away must not block callers for the client's default minute
		producer.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
		producer.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
		producer.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20000);
		this.producers = new DefaultKafkaProducerFactory<>(producer);
		this.template = new KafkaTemplate<>(this.producers);

		Map<String, Object> consumer = new HashMap<>(consumerProperties);
		consumer.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
		consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		// a new service reads its topics from the start: nothing published before it
		// joined is lost
		consumer.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		this.consumers = new DefaultKafkaConsumerFactory<>(consumer);
	}

	/**
	 * Returns the producer template for CloudEvents records.
	 * @return the template
	 */
	public KafkaTemplate<String, byte[]> template() {
		return this.template;
	}

	/**
	 * Returns the consumer group of this service.
	 * @return the group id
	 */
	public String groupId() {
		return (String) this.consumers.getConfigurationProperties().get(ConsumerConfig.GROUP_ID_CONFIG);
	}

	/**
	 * Returns the consumer factory for CloudEvents records.
	 * @return the factory
	 */
	public ConsumerFactory<String, byte[]> consumers() {
		return this.consumers;
	}

	@Override
	public void destroy() {
		this.producers.destroy();
	}

}
