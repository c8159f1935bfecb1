package dev.nori.gateway.safety;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TrustedProxiesTest {

	@Test
	void matchesAddressesAndCidrBlocks() throws Exception {
		TrustedProxies trusted = new TrustedProxies(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8", "172.16.0.0/12"));
		assertThat(trusted.trusts(InetAddress.getByName("10.200.3.4"))).isTrue();
		assertThat(trusted.trusts(InetAddress.getByName("11.0.0.1"))).isFalse();
		assertThat(trusted.trusts(InetAddress.getByName("192.168.1.7"))).isTrue();
		assertThat(trusted.trusts(InetAddress.getByName("192.168.1.8"))).isFalse();
		assertThat(trusted.trusts(InetAddress.getByName("172.31.255.255"))).isTrue();
		assertThat(trusted.trusts(InetAddress.getByName("172.32.0.0"))).isFalse();
		assertThat(trusted.trusts(InetAddress.getByName("fd12::1"))).isTrue();
		assertThat(trusted.trusts(InetAddress.getByName("fe80::1"))).isFalse();
		assertThat(trusted.trusts(null)).isFalse();
	}

	@Test
	void trustsNobodyByDefault() throws Exception {
		assertThat(new TrustedProxies(List.of()).trusts(InetAddress.getLoopbackAddress())).isFalse();
	}

	@Test
	void refusesHostNamesAndBadPrefixes() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TrustedProxies(List.of("proxy.example.com")))
			.withMessageContaining("nori.gateway.safety.trusted-proxies");
		assertThatIllegalArgumentException().isThrownBy(() -> new TrustedProxies(List.of("10.0.0.0/33")));
	}

}
