package dev.nori.auth.audit;

import java.time.Duration;
import java.util.Map;

import dev.nori.auth.AuthApplication;
import dev.nori.servicedefaults.audit.AuditLog;
import dev.nori.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An audit record travels outbox → Kafka ({@code nori.audit}) → auth-service's trail,
 * once.
 */
@SpringBootTest(classes = AuthApplication.class, properties = { "server.port=0", "management.server.port=0",
		"nori.eventing.consumer.group-id=auth-it-${random.uuid}" })
class AuditTrailIT {

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.postgresAndKafka(registry, "nori_test_auth");
		TestInfrastructure.redis(registry);
	}

	@Autowired
	private AuditLog audit;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void auditRecordsAreStoredOnceInTheTrail() {
		String target = "user:" + java.util.UUID.randomUUID();
		this.audit.audit("user.locked", target, Map.of("reason", "too many failed logins"));

		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.sql("select count(*) from audit_log where target = ?")
				.param(target)
				.query(Long.class)
				.single() == 1);
		Map<String, Object> row = this.jdbc
			.sql("select service, action, details::text as details from audit_log where target = ?")
			.param(target)
			.query()
			.singleRow();
		assertThat(row).containsEntry("service", "auth-service").containsEntry("action", "user.locked");
		assertThat(row.get("details").toString()).contains("too many failed logins");
	}

}
