package dev.nori.jobs.queue;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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

import javax.sql.DataSource;

import dev.nori.jobs.JobServiceIT;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class JobQueueIT extends JobServiceIT {

	@Autowired
	private JobQueue queue;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private DataSource dataSource;

	@Test
	void anEnqueuedJobStartsWithinMillisecondsAndIsAnnounced() {
		String key = UUID.randomUUID().toString();
		JsonNode job = enqueue(Map.of("type", "test.count", "payload", Map.of("key", key)));
		assertThat(job.get("state").asString()).isEqualTo("available");
		String id = job.get("id").asString();
		await().atMost(Duration.ofSeconds(5)).until(() -> "succeeded".equals(job(id).get("state").asString()));
		// from the insert, not from the request: a fresh service can take a second to
		// answer its first request. The poll interval is 2 s: only the notification
		// explains a faster start
		Instant inserted = Instant.parse(job.get("createdAt").asString()).minus(this.clock.offset());
		assertThat(Duration.between(inserted, TestJobs.STARTED.get(key))).isLessThan(Duration.ofMillis(1000));
		assertThat(TestJobs.EXECUTIONS.get(key).get()).isEqualTo(1);
		assertThat(events("nori.jobs.job.succeeded.v1", id)).isEqualTo(1);
	}

	// claims take jobs of one run time in id order: in enqueue order, they lie side by
	// side in the table and its primary key
	@Test
	void jobsEnqueuedOneAfterAnotherAreInIdOrder() {
		String queue = "ordered-" + UUID.randomUUID();
		List<String> enqueued = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			enqueued.add(enqueue(
					Map.of("type", "test.count", "queue", queue, "payload", Map.of("key", queue), "delaySeconds", 3600))
				.get("id")
				.asString());
		}
		assertThat(enqueued).allSatisfy((id) -> assertThat(UUID.fromString(id).version()).isEqualTo(7));
		assertThat(this.jdbc.sql("select id::text from jobs where queue = ? order by id")
			.param(queue)
			.query(String.class)
			.list()).containsExactlyElementsOf(enqueued);
	}

	// The enqueue's own transaction does not notify: a NOTIFY there holds PostgreSQL's
	// notification lock through the commit's flush, and enqueues commit one by one. A
	// NOTIFY of the transaction would be delivered at its commit, before any callback
	// after it
	@Test
	void workersAreWokenOnlyAfterTheEnqueueCommittedAndNotAfterARollback() throws Exception {
		String committed = "wake-" + UUID.randomUUID();
		String rolledBack = "wake-" + UUID.randomUUID();
		String after = "wake-" + UUID.randomUUID();
		try (Connection listening = this.dataSource.getConnection()) {
			listening.setAutoCommit(true);
			try (Statement statement = listening.createStatement()) {
				statement.execute("listen " + JobQueue.CHANNEL);
			}
			try {
				PGConnection pg = listening.unwrap(PGConnection.class);
				List<PGNotification> atCommit = new ArrayList<>();
				this.transactions.executeWithoutResult((status) -> {
					// registered first, so called first after the commit
					TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
						@Override
						public void afterCommit() {
							atCommit.addAll(wakeUpsWithin(pg, Duration.ofMillis(300)));
						}
					});
					this.queue.enqueue(later(committed));
				});
				assertThat(atCommit).extracting(PGNotification::getParameter).doesNotContain(committed);
				assertThat(wakeUpsUntil(pg, committed)).extracting(PGNotification::getParameter).contains(committed);

				this.transactions.executeWithoutResult((status) -> {
					this.queue.enqueue(later(rolledBack));
					status.setRollbackOnly();
				});
				this.transactions.executeWithoutResult((status) -> this.queue.enqueue(later(after)));
				assertThat(wakeUpsUntil(pg, after)).extracting(PGNotification::getParameter).doesNotContain(rolledBack);
			}
			finally {
				try (Statement statement = listening.createStatement()) {
					statement.execute("unlisten *");
				}
			}
		}
	}

	// a job no worker takes before the test ends
	private NewJob later(String queue) {
		return new NewJob("test.count", queue, "{}", 0, this.clock.instant().plus(Duration.ofHours(1)), 1,
				Duration.ofMinutes(1), null, null, null);
	}

	private static List<PGNotification> wakeUpsWithin(PGConnection pg, Duration wait) {
		try {
			PGNotification[] notifications = pg.getNotifications((int) wait.toMillis());
			return (notifications != null) ? List.of(notifications) : List.of();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<PGNotification> wakeUpsUntil(PGConnection pg, String queue) throws SQLException {
		List<PGNotification> received = new ArrayList<>();
		Instant deadline = Instant.now().plusSeconds(5);
		while (Instant.now().isBefore(deadline)) {
			PGNotification[] notifications = pg.getNotifications(100);
			if (notifications != null) {
				received.addAll(List.of(notifications));
				if (received.stream().anyMatch((wakeUp) -> wakeUp.getParameter().equals(queue))) {
					return received;
				}
			}
		}
		throw new AssertionError("No wake-up for " + queue + " within 5 s; received " + received.size());
	}

	// the queue's statements are planned for the table as it is when they run: a plan
	// cached while the table was small would keep scanning the whole table as it grows
	// (until statistics change, which they never do with autovacuum off)
	@Test
	void theServicesStatementsArePlannedAnewEachTime() {
		assertThat(this.jdbc.sql("select current_setting('plan_cache_mode')").query(String.class).single())
			.isEqualTo("force_custom_plan");
	}

	@Test
	void anIdempotencyKeyHoldsUnderConcurrentEnqueues() throws Exception {
		String key = "order-" + UUID.randomUUID();
		String token = token(MANAGER);
		List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			calls.add(() -> send("POST", "/api/jobs", Map.of("type", "test.count", "payload", Map.of("key", key),
					"idempotencyKey", key, "delaySeconds", 3600), token));
		}
		List<HttpResponse<String>> responses = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
			for (Future<HttpResponse<String>> response : pool.invokeAll(calls)) {
				responses.add(response.get());
			}
		}
		assertThat(responses.stream().filter((response) -> response.statusCode() == 201)).hasSize(1);
		assertThat(responses.stream().filter((response) -> response.statusCode() == 200)).hasSize(19);
		assertThat(responses.stream().map((response) -> JSON.readTree(response.body()).get("id").asString()).distinct())
			.hasSize(1);
		assertThat(this.jdbc.sql("select count(*) from jobs where idempotency_key = ?")
			.param(key)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aFailingJobBacksOffAsConfiguredDiesAndCanBeRedriven() {
		String id = enqueue(Map.of("type", "test.fail", "payload", Map.of(), "maxAttempts", 3)).get("id").asString();
		Duration moved = Duration.ZERO;
		try {
			for (int attempt = 1; attempt <= 2; attempt++) {
				int expected = attempt;
				await().atMost(Duration.ofSeconds(10))
					.until(() -> job(id).get("attempts").asInt() == expected
							&& "retrying".equals(job(id).get("state").asString()));
				JsonNode retrying = job(id);
				Duration delay = Duration.between(Instant.parse(retrying.get("updatedAt").asString()),
						Instant.parse(retrying.get("runAt").asString()));
				// 1 h, then 2 h: initial × 2^(attempt - 1), no jitter
				assertThat(delay).isEqualTo(Duration.ofHours(1L << (attempt - 1)));
				this.clock.advance(delay);
				moved = moved.plus(delay);
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> "dead".equals(job(id).get("state").asString()));
			JsonNode dead = job(id);
			assertThat(dead.get("attempts").asInt()).isEqualTo(3);
			assertThat(dead.get("errors")).hasSize(3);
			assertThat(dead.get("lastError").asString()).contains("always fails (attempt 3)");
			assertThat(events("nori.jobs.job.failed.v1", id)).isEqualTo(2);
			assertThat(events("nori.jobs.job.dead.v1", id)).isEqualTo(1);

			JsonNode redriven = JSON
				.readTree(send("POST", "/api/jobs/" + id + "/redrive", null, token(MANAGER)).body());
			assertThat(redriven.get("attempts").asInt()).isZero();
			await().atMost(Duration.ofSeconds(10)).until(() -> job(id).get("attempts").asInt() == 1);
			assertThat(send("POST", "/api/jobs/" + id + "/redrive", null, token(MANAGER)).statusCode()).isEqualTo(409);
		}
		finally {
			this.clock.advance(moved.negated());
		}
	}

	@Test
	void aClaimsStatementsReadOnlyItsRowsWhenStatisticsStillSayTheTableIsEmpty() {
		// Statistics taken while the queue was empty, then a burst of 25,000 jobs, in a
		// transaction that is rolled back: claiming, renewing and finishing ten of them
		// must find them through indexes, not walk the table. The queue is new: index
		// entries that earlier (rolled back) runs left behind are not in its range.
		String burst = "burst-" + UUID.randomUUID();
		try {
			this.transactions.executeWithoutResult((status) -> {
				status.setRollbackOnly();
				this.jdbc.sql("delete from jobs").update();
				this.jdbc.sql("analyze jobs").update();
				this.jdbc.sql("""
						insert into jobs (id, type, queue, payload, state, run_at, max_attempts, timeout_ms, created_at,
						  updated_at)
						select gen_random_uuid(), 'test.count', ?, '{}'::jsonb, 'available', now() - interval '1 day',
						  5, 60000, now(), now()
						from generate_series(1, 20000)
						""").param(burst).update();
				// and 5,000 jobs other workers run: the running jobs' index is no way to
				// find ten claims
				this.jdbc
					.sql("""
							insert into jobs (id, type, queue, payload, state, run_at, max_attempts, timeout_ms, created_at,
							  updated_at, attempts, lease_token, lease_expires_at, worker)
							select gen_random_uuid(), 'test.count', ?, '{}'::jsonb, 'running', now(), 5, 60000, now(), now(),
							  1, gen_random_uuid(), now() + interval '1 hour', 'elsewhere'
							from generate_series(1, 5000)
							""")
					.param(burst)
					.update();
				long before = rowsRead();
				List<Job> claimed = this.queue.claim("burst-worker", List.of(burst), 10, Duration.ofMinutes(1));
				long claiming = rowsRead() - before;
				int renewed = this.queue.heartbeat(claimed, Duration.ofMinutes(1));
				long renewing = rowsRead() - before - claiming;
				List<Job> done = this.queue.succeedAll(claimed);
				long finishing = rowsRead() - before - claiming - renewing;

				assertThat(claimed).hasSize(10);
				assertThat(renewed).isEqualTo(10);
				assertThat(done).hasSize(10).allMatch((job) -> job.state() == JobState.SUCCEEDED);
				assertThat(List.of(claiming, renewing, finishing))
					.as("rows and index entries read (claim, renew, finish)")
					.allMatch((read) -> read < 100);
			});
		}
		finally {
			// ANALYZE's statistics outlive the rollback; the burst left dead rows
			this.jdbc.sql("vacuum analyze jobs").update();
		}
	}

	// rows read by this transaction's scans of the jobs table and its indexes
	private long rowsRead() {
		return this.jdbc
			.sql("""
					select sum(pg_stat_get_xact_tuples_returned(c.oid)) from pg_class c
					where c.oid = 'jobs'::regclass or c.oid in (select indexrelid from pg_index where indrelid = 'jobs'::regclass)
					""")
			.query(Long.class)
			.single();
	}

	@Test
	void aJobWhoseWorkerVanishedRunsAgainAndTheOldClaimCannotFinishIt() {
		String key = UUID.randomUUID().toString();
		// a queue no worker serves, so that a ghost worker can claim it
		String id = enqueue(Map.of("type", "test.count", "queue", "ghosts", "payload", Map.of("key", key))).get("id")
			.asString();
		Job claimed = this.transactions
			.execute((status) -> this.queue.claim("ghost", List.of("ghosts"), 1, Duration.ofSeconds(1)))
			.get(0);
		Duration moved = Duration.ZERO;
		try {
			this.clock.advance(Duration.ofSeconds(2));
			moved = moved.plusSeconds(2);
			await().atMost(Duration.ofSeconds(10)).until(() -> "retrying".equals(job(id).get("state").asString()));
			assertThat(job(id).get("lastError").asString()).contains("lease expired");
			this.jdbc.sql("update jobs set queue = 'default' where id = ?").param(UUID.fromString(id)).update();
			this.clock.advance(Duration.ofHours(1));
			moved = moved.plusHours(1);
			await().atMost(Duration.ofSeconds(10)).until(() -> "succeeded".equals(job(id).get("state").asString()));
			// the ghost comes back and reports: refused, the job stays as the real run
			// left it
			List<Job> late = this.transactions.execute((status) -> this.queue.succeedAll(List.of(claimed)));
			assertThat(late).isEmpty();
			assertThat(TestJobs.EXECUTIONS.get(key).get()).isEqualTo(1);
			assertThat(job(id).get("attempts").asInt()).isEqualTo(2);
		}
		finally {
			this.clock.advance(moved.negated());
		}
	}

	@Test
	void cancelDeleteListAndStatistics() {
		String manager = token(MANAGER);
		String id = enqueue(Map.of("type", "test.count", "payload", Map.of("key", "later"), "delaySeconds", 3600))
			.get("id")
			.asString();
		assertThat(job(id).get("state").asString()).isEqualTo("scheduled");
		assertThat(send("DELETE", "/api/jobs/" + id, null, manager).statusCode()).isEqualTo(409);
		JsonNode cancelled = JSON.readTree(send("POST", "/api/jobs/" + id + "/cancel", null, manager).body());
		assertThat(cancelled.get("state").asString()).isEqualTo("cancelled");
		assertThat(send("POST", "/api/jobs/" + id + "/cancel", null, manager).statusCode()).isEqualTo(409);
		JsonNode list = JSON.readTree(send("GET", "/api/jobs?state=cancelled&size=100", null, manager).body());
		assertThat(list.get("items").valueStream().map((job) -> job.get("id").asString())).contains(id);
		JsonNode stats = JSON.readTree(send("GET", "/api/jobs/stats", null, manager).body());
		assertThat(stats.get("default").get("cancelled").asLong()).isPositive();
		assertThat(send("DELETE", "/api/jobs/" + id, null, manager).statusCode()).isEqualTo(204);
		assertThat(send("GET", "/api/jobs/" + id, null, manager).statusCode()).isEqualTo(404);
	}

}
