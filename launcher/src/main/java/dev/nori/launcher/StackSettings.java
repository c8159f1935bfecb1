package dev.nori.launcher;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where and how a stack runs.
 *
 * @param home the checkout
 * @param varDirectory runtime data: logs, pid files, Kafka's data
 * @param gatewayPort the gateway's port; services follow it (auth +1 … search +5),
 * management ports are each port + 1000
 * @param kafkaPort the broker's client port (its controller uses the next one)
 * @param databasePrefix prefix of every service's database name ({@code nori_} makes
 * {@code nori_auth}, …)
 * @param extraEnvironment further variables for every service
 */
public record StackSettings(NoriHome home, Path varDirectory, int gatewayPort, int kafkaPort, String databasePrefix,
		Map<String, String> extraEnvironment) {

	/**
	 * The settings of {@code ./nori up}: gateway on 8080, Kafka on 9092, data under
	 * {@code var/}.
	 * @param home the checkout
	 * @return the settings
	 */
	public static StackSettings local(NoriHome home) {
		return new StackSettings(home, home.var(), 8080, 9092, "nori_", Map.of());
	}

	/**
	 * Returns a service's port.
	 * @param service the service
	 * @return its HTTP port
	 */
	public int port(ServiceSpec service) {
		return this.gatewayPort + service.portOffset();
	}

	/**
	 * Returns a service's management port.
	 * @param service the service
	 * @return its management (health, metrics) port
	 */
	public int managementPort(ServiceSpec service) {
		return port(service) + ServiceSpec.MANAGEMENT_OFFSET;
	}

	/**
	 * Returns where each process writes its log ({@code <name>.log}).
	 * @return the log folder
	 */
	public Path logDirectory() {
		return this.varDirectory.resolve("log");
	}

	Path runDirectory() {
		return this.varDirectory.resolve("run");
	}

}
