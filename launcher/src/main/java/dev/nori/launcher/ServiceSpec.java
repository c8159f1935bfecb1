package dev.nori.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One Nori service as the launcher runs it.
 *
 * @param name the service name, which is also its Maven module
 * @param portOffset its port relative to the gateway's (0 for the gateway itself)
 * @param routeKey the path segment the gateway routes to it ({@code /api/<routeKey>/**}),
 * or {@code null} for the gateway
 */
public record ServiceSpec(String name, int portOffset, String routeKey) {

	/** Every service, gateway first, in the order they start. */
	public static final List<ServiceSpec> ALL = List.of(new ServiceSpec("gateway", 0, "gateway"),
			new ServiceSpec("auth-service", 1, "auth"), new ServiceSpec("content-service", 2, "content"),
			new ServiceSpec("job-service", 3, "jobs"), new ServiceSpec("notification-service", 4, "notifications"),
			new ServiceSpec("search-service", 5, "search"));

	/** Management ports are the service port plus this. */
	public static final int MANAGEMENT_OFFSET = 1000;

	/**
	 * Tells whether this is the gateway.
	 * @return whether it is
	 */
	public boolean isGateway() {
		return this.portOffset == 0;
	}

	/**
	 * Finds the service's executable jar in its module's build output.
	 * @param home the checkout
	 * @return the jar
	 */
	public Path executableJar(NoriHome home) {
		Path target = home.root().resolve(this.name).resolve("target");
		try (var files = Files.list(target)) {
			return files.filter((file) -> file.getFileName().toString().endsWith("-exec.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException(
						"No executable jar in " + target + ": build first (./nori up builds what is stale)"));
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(this.name + " is not built: " + target + " is missing", ex);
		}
	}

}
