package dev.nori.gateway.safety;

import java.net.InetSocketAddress;

import org.springframework.web.server.ServerWebExchange;

/**
 * The client's address as the gateway established it: the first {@code X-Forwarded-For}
 * hop when the request came through a trusted proxy, the connection's peer otherwise.
 */
public final class ClientAddresses {

	static final String ATTRIBUTE = ClientAddresses.class.getName();

	private ClientAddresses() {
	}

	/**
	 * Returns the client address of a request.
	 * @param exchange the request
	 * @return the address, or {@code unknown}
	 */
	public static String of(ServerWebExchange exchange) {
		Object established = exchange.getAttribute(ATTRIBUTE);
		if (established != null) {
			return established.toString();
		}
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		return (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress() : "unknown";
	}

}
