package dev.nori.notification.live;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.nori.contracts.auth.PermissionsChanged;
import dev.nori.contracts.auth.TokensRevoked;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Reads the streamable topics for this instance alone: a consumer group of its own,
 * starting at the end and committing nothing, so every instance sees every event and each
 * of its clients gets what it may see. Clients that were away resume from the hub's
 * retained events, not from Kafka.
 */
@Component
public class LiveEventFeed implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(LiveEventFeed.class);

	// what ends connections: the gateway refuses tokens issued before these from the next
	// request, and a stream has no next request
	private static final Set<String> REVOKING_TYPES = Set.of(TokensRevoked.TYPE.name(), PermissionsChanged.TYPE.name());

	private final LiveHub hub;

	private final JsonMapper json;

	private final Map<String, Object> config;

	private volatile boolean running;

	private volatile boolean assigned;

	private @Nullable KafkaConsumer<String, byte[]> consumer;

	private @Nullable Thread loop;

	LiveEventFeed(LiveHub hub, JsonMapper json, KafkaProperties kafka, Environment environment) {
		this.hub = hub;
		this.json = json;
		Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
		config.put(ConsumerConfig.GROUP_ID_CONFIG,
				environment.getProperty("spring.application.name", "notification-service") + "-live-"
						+ UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
		this.config = config;
	}

	/**
	 * Tells whether the feed has its partitions, so that events published from now on
	 * reach clients.
	 * @return whether it is reading
	 */
	public boolean isAssigned() {
		return this.assigned;
	}

	@Override
	public void start() {
		KafkaConsumer<String, byte[]> created = new KafkaConsumer<>(this.config, new StringDeserializer(),
				new ByteArrayDeserializer());
		this.consumer = created;
		this.running = true;
		this.loop = Thread.ofPlatform().name("live-event-feed").daemon().start(() -> run(created));
	}

	private void run(KafkaConsumer<String, byte[]> consumer) {
		try (consumer) {
			consumer.subscribe(StreamableTypes.topics(),
					new org.apache.kafka.clients.consumer.ConsumerRebalanceListener() {
						@Override
						public void onPartitionsRevoked(
								java.util.Collection<org.apache.kafka.common.TopicPartition> partitions) {
						}

						@Override
						public void onPartitionsAssigned(
								java.util.Collection<org.apache.kafka.common.TopicPartition> partitions) {
							LiveEventFeed.this.assigned = true;
						}
					});
			while (this.running) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
					publish(record);
				}
			}
		}
		catch (WakeupException ex) {
			// stopping
		}
		catch (RuntimeException ex) {
			log.error("The live event feed stopped: {}", ex.getMessage(), ex);
		}
		finally {
			this.assigned = false;
		}
	}

	private void publish(ConsumerRecord<String, byte[]> record) {
		CloudEvent event;
		try {
			event = KafkaMessageFactory.createReader(record).toEvent();
		}
		catch (RuntimeException ex) {
			log.debug("Skipping a record that is not a CloudEvent at {}-{}@{}", record.topic(), record.partition(),
					record.offset());
			return;
		}
		Optional<StreamableTypes.StreamableType> streamable = StreamableTypes.find(event.getType());
		boolean revokes = REVOKING_TYPES.contains(event.getType());
		if ((streamable.isEmpty() && !revokes) || event.getData() == null) {
			return;
		}
		JsonNode data;
		try {
			data = this.json.readTree(event.getData().toBytes());
		}
		catch (JacksonException ex) {
			log.warn("Skipping event {} with unreadable data", event.getId());
			return;
		}
		streamable.ifPresent((type) -> {
			String owner = type.ownerIn(data);
			ObjectNode message = this.json.createObjectNode();
			message.put("kind", "event");
			message.put("id", event.getId());
			message.put("type", event.getType());
			message.put("subject", event.getSubject());
			message.put("time", (event.getTime() != null) ? event.getTime().toInstant().toString() : null);
			message.set("data", data);
			this.hub.publish(new LiveEvent(event.getId(), event.getType(), type.visibility(), owner,
					this.json.writeValueAsString(message)));
		});
		// after the event itself: a client cut off by a change of permissions finds that
		// event among the retained ones when it resumes with a new token
		if (revokes) {
			revocation(event.getType(), data).ifPresentOrElse(this.hub::revoke,
					() -> log.warn("Skipping revocation {}: its data is incomplete", event.getId()));
		}
	}

	private Optional<TokenRevocation> revocation(String type, JsonNode data) {
		try {
			if (type.equals(TokensRevoked.TYPE.name())) {
				TokensRevoked revoked = this.json.treeToValue(data, TokensRevoked.class);
				return TokenRevocation.of(revoked.userId(), revoked.sessionId(), revoked.revokedAt());
			}
			PermissionsChanged changed = this.json.treeToValue(data, PermissionsChanged.class);
			return TokenRevocation.of(changed.userId(), null, changed.changedAt());
		}
		catch (JacksonException ex) {
			return Optional.empty();
		}
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.consumer != null) {
			this.consumer.wakeup();
		}
		if (this.loop != null) {
			try {
				this.loop.join(Duration.ofSeconds(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
