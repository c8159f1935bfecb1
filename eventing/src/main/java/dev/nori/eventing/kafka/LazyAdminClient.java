package dev.nori.eventing.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.jspecify.annotations.Nullable;

/**
 * A Kafka admin client created when first needed, with short timeouts, for checks that
 * must answer quickly (health, lag) even while the broker is away.
 */
public final class LazyAdminClient implements AutoCloseable {

	private final Map<String, Object> properties;

	private volatile @Nullable AdminClient admin;

	/**
	 * Prepares the client.
	 * @param adminProperties Boot's admin client properties
	 * @param timeout how long one call may take
	 */
	public LazyAdminClient(Map<String, Object> adminProperties, Duration timeout) {
		this.properties = new HashMap<>(adminProperties);
		this.properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
		this.properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
	}

	/**
	 * Returns the client, creating it on first use.
	 * @return the admin client
	 */
	public AdminClient get() {
		AdminClient current = this.admin;
		if (current == null) {
			synchronized (this) {
				current = this.admin;
				if (current == null) {
					current = AdminClient.create(this.properties);
					this.admin = current;
				}
			}
		}
		return current;
	}

	@Override
	public void close() {
		AdminClient current = this.admin;
		if (current != null) {
			current.close(Duration.ofSeconds(2));
		}
	}

}
