package dev.nori.jobs.recurring;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.nori.jobs.JobServiceIT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class RecurringJobsIT extends JobServiceIT {

	@Autowired
	private RecurringJobs recurring;

	@Test
	void aTickEnqueuesOneJobHoweverManyInstancesTick() throws Exception {
		String name = "report-" + UUID.randomUUID().toString().substring(0, 8);
		JsonNode defined = JSON.readTree(send("PUT", "/api/jobs/recurring/" + name,
				Map.of("cron", "0 * * * * *", "type", "test.count", "payload", Map.of("key", name)), token(MANAGER))
			.body());
		Instant tick = Instant.parse(defined.get("nextRunAt").asString());
		assertThat(tick.getEpochSecond() % 60).isZero();
		Duration moved = Duration.between(this.clock.instant(), tick).plusMillis(10);
		this.clock.advance(moved);
		try {
			// three instances tick at once (and this process's own ticker besides)
			List<Callable<Integer>> instances = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				instances.add(this.recurring::tick);
			}
			try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
				for (Future<Integer> result : pool.invokeAll(instances)) {
					result.get();
				}
			}
			assertThat(this.jdbc.sql("select count(*) from jobs where idempotency_key like ?")
				.param("recurring:" + name + ":%")
				.query(Long.class)
				.single()).isEqualTo(1);
			JsonNode listed = JSON.readTree(send("GET", "/api/jobs/recurring", null, token(MANAGER)).body());
			JsonNode schedule = listed.valueStream()
				.filter((entry) -> entry.get("name").asString().equals(name))
				.findFirst()
				.orElseThrow();
			assertThat(Instant.parse(schedule.get("nextRunAt").asString())).isEqualTo(tick.plusSeconds(60));
		}
		finally {
			this.clock.advance(moved.negated());
			send("DELETE", "/api/jobs/recurring/" + name, null, token(MANAGER));
		}
	}

	@Test
	void anInvalidScheduleIsAProblemAndNothingIsStored() {
		String name = "broken-" + UUID.randomUUID().toString().substring(0, 8);
		HttpResponse<String> response = send("PUT", "/api/jobs/recurring/" + name,
				Map.of("cron", "every tuesday", "zone", "Mars/Olympus", "type", "no.such.type", "payload", Map.of()),
				token(MANAGER));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(response.body())
			.get("errors")
			.valueStream()
			.map((error) -> error.get("field").asString())).containsExactlyInAnyOrder("cron", "zone", "type");
		assertThat(this.jdbc.sql("select count(*) from recurring_jobs where name = ?")
			.param(name)
			.query(Long.class)
			.single()).isZero();
		assertThat(send("PUT", "/api/jobs/recurring/" + name,
				Map.of("cron", "@hourly", "type", "test.count", "payload", Map.of()), token(ENQUEUER))
			.statusCode()).isEqualTo(403);
	}

}
