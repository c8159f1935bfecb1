package dev.nori.jobs.api;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.nori.jobs.JobServiceIT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class EnqueueValidationIT extends JobServiceIT {

	@Test
	void badJobsAreProblemsAndNothingIsEnqueued() {
		String marker = "bad-" + UUID.randomUUID();
		String token = token(MANAGER);
		List<Map<String, Object>> bad = List.of(
				Map.of("type", "no.such.type", "payload", Map.of(), "idempotencyKey", marker),
				Map.of("type", "test.typed", "payload", Map.of("count", "many"), "idempotencyKey", marker),
				Map.of("type", "test.count", "payload", List.of(1, 2), "idempotencyKey", marker),
				Map.of("type", "test.count", "payload", Map.of(), "runAt", "2030-01-01T00:00:00Z", "delaySeconds", 5,
						"idempotencyKey", marker),
				Map.of("type", "Bad Type!", "payload", Map.of(), "maxAttempts", 0, "idempotencyKey", marker));
		List<String> fields = new ArrayList<>();
		for (Map<String, Object> job : bad) {
			HttpResponse<String> response = send("POST", "/api/jobs", job, token);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			JSON.readTree(response.body()).get("errors").forEach((error) -> fields.add(error.get("field").asString()));
		}
		assertThat(fields).contains("type", "payload", "runAt", "maxAttempts");
		assertThat(send("POST", "/api/jobs", "{not json", token).statusCode()).isEqualTo(400);
		assertThat(this.jdbc.sql("select count(*) from jobs where idempotency_key = ?")
			.param(marker)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void permissionsDecideWhoEnqueuesReadsAndManages() {
		String userId = UUID.randomUUID().toString();
		String enqueuer = token(userId, ENQUEUER);
		HttpResponse<String> created = send("POST", "/api/jobs",
				Map.of("type", "test.count", "payload", Map.of("key", "perm"), "delaySeconds", 3600), enqueuer);
		assertThat(created.statusCode()).isEqualTo(201);
		JsonNode job = JSON.readTree(created.body());
		String path = "/api/jobs/" + job.get("id").asString();
		assertThat(send("GET", path, null, enqueuer).statusCode()).isEqualTo(200);
		assertThat(send("GET", path, null, token(ENQUEUER)).statusCode()).isEqualTo(404);
		assertThat(send("GET", "/api/jobs", null, enqueuer).statusCode()).isEqualTo(403);
		assertThat(send("POST", path + "/redrive", null, enqueuer).statusCode()).isEqualTo(403);
		assertThat(send("POST", "/api/jobs", Map.of("type", "test.count", "payload", Map.of()),
				token(List.of("profile.edit")))
			.statusCode()).isEqualTo(403);
		assertThat(send("POST", "/api/jobs", Map.of("type", "test.count", "payload", Map.of()), null).statusCode())
			.isEqualTo(401);
		assertThat(send("POST", path + "/cancel", null, enqueuer).statusCode()).isEqualTo(200);
	}

}
