package dev.nori.eventing.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports the broker as down when the cluster cannot be described within a short timeout,
 * so that readiness fails while Kafka is unreachable.
 */
public class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

	private final LazyAdminClient admin;

	private final Duration timeout;

	/**
	 * Creates the indicator.
	 * @param adminProperties Boot's admin client properties
	 * @param timeout how long a check may take
	 */
	public KafkaHealthIndicator(Map<String, Object> adminProperties, Duration timeout) {
		super("Kafka health check failed");
		this.admin = new LazyAdminClient(adminProperties, timeout);
		this.timeout = timeout;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		var cluster = this.admin.get()
			.describeCluster(new DescribeClusterOptions().timeoutMs((int) this.timeout.toMillis()));
		String clusterId = cluster.clusterId().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		Collection<Node> nodes = cluster.nodes().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		builder.up().withDetail("clusterId", clusterId).withDetail("nodes", nodes.size());
	}

	@Override
	public void destroy() {
		this.admin.close();
	}

}
