package dev.nori.servicedefaults.core.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a URL may be called: http or https, and a host whose every address is
 * public, unless the host is allowlisted (or loopback is allowed). Metadata services
 * (169.254.169.254) are link-local and so refused. Outbound calls to URLs that users
 * supply (webhooks) go through this, both when the URL is accepted and before each call
 * (a name may resolve elsewhere later).
 */
public final class Destinations {

	private final List<String> allowedHosts;

	private final boolean allowLoopback;

	/**
	 * Creates the policy.
	 * @param allowedHosts host names that may resolve to private, loopback or link-local
	 * addresses
	 * @param allowLoopback whether loopback addresses are allowed (local development)
	 */
	public Destinations(List<String> allowedHosts, boolean allowLoopback) {
		this.allowedHosts = allowedHosts.stream().map((host) -> host.toLowerCase(Locale.ROOT)).toList();
		this.allowLoopback = allowLoopback;
	}

	/**
	 * Returns why a URL may not be called, if it may not.
	 * @param url the URL
	 * @return the reason, phrased for an API client; empty when it may be called
	 */
	public Optional<String> refusal(URI url) {
		String scheme = (url.getScheme() != null) ? url.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("http") && !scheme.equals("https")) {
			return Optional.of("url must be http or https");
		}
		String host = url.getHost();
		if (host == null || host.isBlank() || url.getUserInfo() != null) {
			return Optional.of("url must name a host (and no user info)");
		}
		if (this.allowedHosts.contains(host.toLowerCase(Locale.ROOT))) {
			return Optional.empty();
		}
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(host);
		}
		catch (UnknownHostException ex) {
			return Optional.of("url's host " + host + " does not resolve");
		}
		for (InetAddress address : addresses) {
			if (address.isLoopbackAddress()) {
				if (!this.allowLoopback) {
					return Optional.of("url's host " + host + " is a loopback address");
				}
			}
			else if (!isPublic(address)) {
				return Optional.of("url's host " + host + " resolves to a private, link-local or reserved address ("
						+ address.getHostAddress() + ")");
			}
		}
		return Optional.empty();
	}

	private static boolean isPublic(InetAddress address) {
		if (address.isAnyLocalAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
				|| address.isMulticastAddress()) {
			return false;
		}
		byte[] bytes = address.getAddress();
		if (bytes.length == 4) {
			int first = bytes[0] & 0xff;
			int second = bytes[1] & 0xff;
			// carrier-grade NAT 100.64/10, "this network" 0/8, benchmarking 198.18/15
			return !(first == 0 || (first == 100 && second >= 64 && second < 128)
					|| (first == 198 && second >= 18 && second < 20) || first >= 240);
		}
		// IPv6 unique local fc00::/7
		return (bytes[0] & 0xfe) != 0xfc;
	}

}
