package dev.nori.auth.audit;

import java.time.Duration;
import java.util.Map;

import dev.nori.auth.AuthServiceIT;
import dev.nori.servicedefaults.audit.AuditLog;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit trail is stored once per record, filtered through the admin API, and its hash
 * chain shows the first record that was tampered with.
 */
class AuditChainIT extends AuthServiceIT {

	@Autowired
	private AuditLog audit;

	@Test
	void recordsAreStoredOnceFilteredAndChained() {
		String target = "test:" + java.util.UUID.randomUUID();
		this.audit.audit("user.locked", target, Map.of("reason", "too many failed logins"));
		this.audit.audit("user.unlocked", target, AuditLog.Outcome.SUCCESS, "someone", Map.of());
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.sql("select count(*) from audit_log where target = ?")
				.param(target)
				.query(Long.class)
				.single() == 2);

		String admin = adminToken();
		JsonNode page = json(call("GET", "/api/auth/admin/audit?target=" + target + "&action=user.locked", admin));
		assertThat(page.size()).isEqualTo(1);
		assertThat(page.get(0).get("service").asString()).isEqualTo("auth-service");
		assertThat(page.get(0).get("details").get("reason").asString()).isEqualTo("too many failed logins");
		assertThat(call("GET", "/api/auth/admin/audit?outcome=maybe", admin).statusCode()).isEqualTo(400);

		JsonNode intact = json(call("GET", "/api/auth/admin/audit/verify", admin));
		assertThat(intact.get("intact").asBoolean()).as(intact.toString()).isTrue();

		long seq = this.jdbc.sql("select seq from audit_log where target = ? and action = 'user.locked'")
			.param(target)
			.query(Long.class)
			.single();
		this.jdbc.sql("update audit_log set action = 'user.nothing-happened' where seq = ?").param(seq).update();
		try {
			JsonNode broken = json(call("GET", "/api/auth/admin/audit/verify", admin));
			assertThat(broken.get("intact").asBoolean()).isFalse();
			assertThat(broken.get("firstBrokenSeq").asLong()).isEqualTo(seq);
		}
		finally {
			this.jdbc.sql("update audit_log set action = 'user.locked' where seq = ?").param(seq).update();
		}
	}

}
