package dev.nori.gateway.routing;

import java.util.List;

/**
 * Paths the gateway answers itself (the browser session, the docs) rather than a service.
 * Service routes are looked up before the gateway's own handlers (see the handler-mapping
 * order in {@code application.yaml}), so no service route may take these paths, even one
 * whose prefix covers them, as {@code /api/auth/**} covers {@code /api/auth/session}.
 *
 * @param patterns path patterns, as in a route's {@code path(…)}
 */
public record GatewayEndpoints(List<String> patterns) {

	public GatewayEndpoints {
		patterns = List.copyOf(patterns);
	}

	/**
	 * Declares some paths as the gateway's own.
	 * @param patterns path patterns
	 * @return the declaration
	 */
	public static GatewayEndpoints of(String... patterns) {
		return new GatewayEndpoints(List.of(patterns));
	}

}
