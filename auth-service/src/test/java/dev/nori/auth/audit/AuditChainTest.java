package dev.nori.auth.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditChainTest {

	private final UUID id = UUID.randomUUID();

	@Test
	void fieldBoundariesCannotBeImitated() {
		assertThat(AuditChain.canonical(entry("a", "bc"))).isNotEqualTo(AuditChain.canonical(entry("ab", "c")));
	}

	@Test
	void everyLinkDependsOnThePreviousOne() {
		byte[] one = AuditChain.link(AuditChain.GENESIS, entry("login", "user:1"));
		byte[] two = AuditChain.link(new byte[32], entry("login", "user:1"));
		assertThat(one).isEqualTo(two);
		assertThat(AuditChain.link(one, entry("login", "user:1"))).isNotEqualTo(one);
	}

	private AuditChain.Entry entry(String action, String target) {
		return new AuditChain.Entry(1, this.id, "auth-service", action, target, null, "10.0.0.1", null, "r-1",
				"success", Map.of("b", "2", "a", "1"), Instant.parse("2026-11-26T10:00:00.123456Z"));
	}

}
