package dev.nori.servicedefaults.core.outbound;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DestinationsTest {

	private static Destinations destinations(List<String> allowedHosts, boolean allowLoopback) {
		return new Destinations(allowedHosts, allowLoopback);
	}

	@Test
	void privateLoopbackLinkLocalAndReservedAddressesAreRefused() {
		Destinations strict = destinations(List.of(), false);
		for (String url : List.of("http://127.0.0.1/", "http://localhost:8080/hook", "http://[::1]/",
				"http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/", "http://172.16.0.1/",
				"http://192.168.1.1/", "http://[fc00::1]/", "http://[fe80::1]/", "http://0.0.0.0/",
				"http://100.64.0.1/", "ftp://93.184.216.34/", "file:///etc/passwd", "http://user@93.184.216.34/")) {
			assertThat(strict.refusal(URI.create(url))).as(url).isPresent();
		}
		assertThat(strict.refusal(URI.create("https://93.184.216.34/hook"))).isEmpty();
	}

	@Test
	void allowlistsOpenOnlyWhatTheyName() {
		Destinations local = destinations(List.of(), true);
		assertThat(local.refusal(URI.create("http://127.0.0.1:9000/hook"))).isEmpty();
		assertThat(local.refusal(URI.create("http://169.254.169.254/"))).isPresent();
		assertThat(local.refusal(URI.create("http://10.0.0.5/"))).isPresent();
		Destinations named = destinations(List.of("internal.example"), false);
		assertThat(named.refusal(URI.create("http://internal.example/hook"))).isEmpty();
	}

}
