package dev.nori.eventing.inbox;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import dev.nori.eventing.kafka.LazyAdminClient;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * How far this service's consumer is behind its topics: records published but not yet
 * handled, per topic. A health indicator ({@code consumerLag}) that is always up and says
 * the lag in its details, and the source of the {@code nori.eventing.consumer.lag} gauge.
 * Reads are cached for a few seconds so that scrapes and probes cost the broker little.
 */
public class ConsumerLag extends AbstractHealthIndicator implements DisposableBean {

	private static final Duration CACHED = Duration.ofSeconds(5);

	private final LazyAdminClient admin;

	private final String groupId;

	private final List<String> topics;

	private final Duration timeout;

	private volatile @Nullable Snapshot last;

	ConsumerLag(Map<String, Object> adminProperties, String groupId, List<String> topics, Duration timeout) {
		super("Consumer lag check failed");
		this.admin = new LazyAdminClient(adminProperties, timeout);
		this.groupId = groupId;
		this.topics = topics;
		this.timeout = timeout;
	}

	/**
	 * Returns the lag per topic, read at most a few seconds ago.
	 * @return unhandled records per topic
	 * @throws Exception when the broker cannot be asked
	 */
	public Map<String, Long> perTopic() throws Exception {
		Snapshot cached = this.last;
		if (cached != null && System.nanoTime() - cached.readAt() < CACHED.toNanos()) {
			return cached.lag();
		}
		Map<String, Long> lag = read();
		this.last = new Snapshot(lag, System.nanoTime());
		return lag;
	}

	/**
	 * Returns the total lag, or -1 when it cannot be read (for the gauge).
	 * @return unhandled records in all
	 */
	public double total() {
		try {
			return perTopic().values().stream().mapToLong(Long::longValue).sum();
		}
		catch (Exception ex) {
			return -1;
		}
	}

	private Map<String, Long> read() throws Exception {
		Map<String, Long> lag = new TreeMap<>();
		if (this.topics.isEmpty()) {
			return lag;
		}
		AdminClient client = this.admin.get();
		long wait = this.timeout.toMillis();
		Map<TopicPartition, OffsetAndMetadata> committed = client.listConsumerGroupOffsets(this.groupId)
			.partitionsToOffsetAndMetadata()
			.get(wait, TimeUnit.MILLISECONDS);
		Map<String, TopicDescription> described = client.describeTopics(this.topics)
			.allTopicNames()
			.get(wait, TimeUnit.MILLISECONDS);
		Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
		Map<TopicPartition, OffsetSpec> starts = new HashMap<>();
		described.values().forEach((topic) -> topic.partitions().forEach((partition) -> {
			TopicPartition key = new TopicPartition(topic.name(), partition.partition());
			ends.put(key, OffsetSpec.latest());
			starts.put(key, OffsetSpec.earliest());
		}));
		Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> latest = client.listOffsets(ends)
			.all()
			.get(wait, TimeUnit.MILLISECONDS);
		Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> earliest = client.listOffsets(starts)
			.all()
			.get(wait, TimeUnit.MILLISECONDS);
		this.topics.forEach((topic) -> lag.put(topic, 0L));
		latest.forEach((partition, end) -> {
			OffsetAndMetadata position = committed.get(partition);
			// a partition the group never committed is read from its beginning
			long from = (position != null) ? position.offset() : earliest.get(partition).offset();
			lag.merge(partition.topic(), Math.max(0, end.offset() - from), Long::sum);
		});
		return lag;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		Map<String, Long> lag = perTopic();
		builder.up()
			.withDetail("group", this.groupId)
			.withDetail("lag", lag)
			.withDetail("total", lag.values().stream().mapToLong(Long::longValue).sum());
	}

	@Override
	public void destroy() {
		this.admin.close();
	}

	private record Snapshot(Map<String, Long> lag, long readAt) {
	}

}
