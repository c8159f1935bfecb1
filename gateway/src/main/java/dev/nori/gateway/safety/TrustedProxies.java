package dev.nori.gateway.safety;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The proxies whose {@code Forwarded} and {@code X-Forwarded-*} headers are believed:
 * addresses or CIDR blocks ({@code 10.0.0.0/8}, {@code 127.0.0.1}, {@code ::1}).
 */
final class TrustedProxies {

	private final List<Block> blocks;

	TrustedProxies(List<String> entries) {
		this.blocks = entries.stream().map(String::trim).filter((entry) -> !entry.isEmpty()).map(Block::parse).toList();
	}

	boolean trusts(@Nullable InetAddress address) {
		if (address == null) {
			return false;
		}
		// asked for every request
		for (Block block : this.blocks) {
			if (block.contains(address)) {
				return true;
			}
		}
		return false;
	}

	private record Block(byte[] network, int prefix) {

		static Block parse(String entry) {
			int slash = entry.indexOf('/');
			String host = (slash < 0) ? entry : entry.substring(0, slash);
			try {
				// literal addresses only: a host name here would make every request wait
				// on DNS
				if (!host.matches("[0-9a-fA-F:.]+")) {
					throw new IllegalArgumentException("not an IP address");
				}
				byte[] network = InetAddress.getByName(host).getAddress();
				int prefix = (slash < 0) ? network.length * 8 : Integer.parseInt(entry.substring(slash + 1));
				if (prefix < 0 || prefix > network.length * 8) {
					throw new IllegalArgumentException("prefix out of range");
				}
				return new Block(network, prefix);
			}
			catch (UnknownHostException | IllegalArgumentException ex) {
				throw new IllegalArgumentException(
						"nori.gateway.safety.trusted-proxies: '" + entry + "' is not an address or CIDR block", ex);
			}
		}

		boolean contains(InetAddress address) {
			byte[] candidate = address.getAddress();
			if (candidate.length != this.network.length) {
				return false;
			}
			int full = this.prefix / 8;
			for (int i = 0; i < full; i++) {
				if (candidate[i] != this.network[i]) {
					return false;
				}
			}
			int rest = this.prefix % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xFF << (8 - rest)) & 0xFF;
			return (candidate[full] & mask) == (this.network[full] & mask);
		}

	}

}
