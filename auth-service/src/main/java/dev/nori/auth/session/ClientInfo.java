package dev.nori.auth.session;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

/**
 * Where a request came from, as far as the service can tell (the gateway forwards the
 * client address).
 *
 * @param address the client address
 * @param userAgent the {@code User-Agent}, shortened
 */
public record ClientInfo(String address, @Nullable String userAgent) {

	private static final int MAX_AGENT = 256;

	/**
	 * Reads a request's client.
	 * @param request the request
	 * @return its client
	 */
	public static ClientInfo of(HttpServletRequest request) {
		String agent = request.getHeader("User-Agent");
		return new ClientInfo(request.getRemoteAddr(),
				(agent == null) ? null : agent.substring(0, Math.min(agent.length(), MAX_AGENT)));
	}

}
