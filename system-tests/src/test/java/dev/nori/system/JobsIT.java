package dev.nori.system;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.nori.launcher.ManagedProcess;
import dev.nori.launcher.ServiceSpec;
import com.sun.net.httpserver.HttpServer;
import dev.nori.testsupport.TestHttp;
import dev.nori.testsupport.TestHttpServer;
import dev.nori.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Jobs across worker processes: workers killed mid-run, ten thousand jobs, the dashboard
 * in a browser.
 */
class JobsIT extends SystemTest {

	@Test
	void jobsOutliveWorkersKilledMidRunAndNoneRunsTwiceUnlessItsWorkerDied() throws Exception {
		Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
		HttpServer receiver = TestHttpServer.start((exchange) -> {
			executions.computeIfAbsent(exchange.getRequestURI().getPath(), (path) -> new AtomicInteger())
				.incrementAndGet();
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		// a queue only the extra workers serve: job-service's own worker leaves these
		// jobs alone
		Map<String, String> failoverQueue = Map.of("NORI_JOBS_WORKER_QUEUES", "failover");
		List<ManagedProcess> workers = new ArrayList<>(List.of(stack.startWorker("job-worker-a-0", failoverQueue),
				stack.startWorker("job-worker-b-0", failoverQueue)));
		try (Connection jobsDb = TestPostgres.connect("nori_systest_jobs")) {
			String admin = adminToken();
			int jobsPort = stack.settings()
				.port(ServiceSpec.ALL.stream()
					.filter((spec) -> "jobs".equals(spec.routeKey()))
					.findFirst()
					.orElseThrow());
			int count = 1_000;
			List<Callable<String>> enqueues = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				String body = "{\"type\":\"http\",\"queue\":\"failover\",\"maxAttempts\":10,\"payload\":"
						+ "{\"method\":\"GET\",\"url\":" + "\"http://127.0.0.1:" + receiver.getAddress().getPort()
						+ "/job/" + i + "\"}}";
				enqueues.add(() -> {
					HttpResponse<String> response = send(
							TestHttp.post(jobsPort, "/api/jobs", body).header("Authorization", "Bearer " + admin));
					assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
					return JSON.readTree(response.body()).get("id").asString();
				});
			}
			List<String> ids = new ArrayList<>();
			try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
				for (Future<String> id : pool.invokeAll(enqueues)) {
					ids.add(id.get());
				}
			}
			// both extra workers run jobs before the first kill
			await().atMost(Duration.ofMinutes(2))
				.until(() -> query(jobsDb,
						"select count(distinct worker) from jobs where worker is not null and id = any(?::uuid[])",
						ids) >= 2);
			Random random = new Random(42);
			int kills = 0;
			while (kills < 4 && query(jobsDb,
					"select count(*) from jobs where state not in ('succeeded', 'dead') " + "and id = any(?::uuid[])",
					ids) > 0) {
				Thread.sleep(1_500);
				int victim = random.nextInt(workers.size());
				workers.get(victim).kill();
				kills++;
				workers.set(victim, stack.startWorker("job-worker-" + victim + "-" + kills, failoverQueue));
			}
			// a graceful stop in the middle of work leaves nothing running
			ManagedProcess stopped = workers.remove(0);
			stopped.stop(Duration.ofSeconds(30));
			assertThat(query(jobsDb, "select count(*) from jobs where state = 'running' and worker like ?",
					stopped.pid() + "@%"))
				.isZero();

			await().atMost(Duration.ofMinutes(3))
				.until(() -> query(jobsDb,
						"select count(*) from jobs where state not in ('succeeded', 'dead') and id = any(?::uuid[])",
						ids) == 0);
			assertThat(
					query(jobsDb, "select count(*) from jobs where state = 'succeeded' and id = any(?::uuid[])", ids))
				.isEqualTo(count);
			int twice = 0;
			for (int i = 0; i < count; i++) {
				int runs = executions.getOrDefault("/job/" + i, new AtomicInteger()).get();
				assertThat(runs).as("executions of job " + i).isPositive();
				if (runs > 1) {
					twice++;
					// only a job whose worker died mid-run runs again
					assertThat(query(jobsDb, "select count(*) from jobs where id = ?::uuid and errors::text like ?",
							ids.get(i), "%lease expired%"))
						.as("job " + i + " ran " + runs + " times")
						.isPositive();
				}
			}
			System.out.printf("1,000 http jobs, 4 workers killed (kill -9) and one stopped: all succeeded; %d ran "
					+ "more than once, each after its worker died%n", twice);
			SystemReport.count("jobs", count);
			SystemReport.count("workers killed", kills);
			SystemReport.count("repeated after their worker died", twice);
		}
		finally {
			receiver.stop(0);
		}
	}

	@Test
	void tenThousandJobsOnTwoWorkersOfEightThreadsEachRunExactlyOnce() throws Exception {
		Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
		HttpServer receiver = TestHttpServer.start((exchange) -> {
			executions.computeIfAbsent(exchange.getRequestURI().getPath(), (path) -> new AtomicInteger())
				.incrementAndGet();
			// a connection per job: a kept-alive one that this server closed while the
			// workers' client reused it failed a job's first attempt ("header parser
			// received no bytes"), a transport error that the queue rightly retried
			exchange.getResponseHeaders().set("Connection", "close");
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		Map<String, String> bulk = Map.of("NORI_JOBS_WORKER_QUEUES", "bulk", "NORI_JOBS_WORKER_THREADS", "8");
		List<ManagedProcess> workers = List.of(stack.startWorker("job-worker-bulk-a", bulk),
				stack.startWorker("job-worker-bulk-b", bulk));
		int count = 10_000;
		// POST: the JDK client may repeat an idempotent GET on its own when a pooled
		// connection turns out closed, which would count as a second run here
		try (Connection jobsDb = TestPostgres
			.connect("nori_systest_jobs"); java.sql.PreparedStatement insert = jobsDb.prepareStatement("""
					insert into jobs (id, type, queue, payload, state, run_at, max_attempts, timeout_ms,
					  created_at, updated_at)
					select gen_random_uuid(), 'http', 'bulk',
					  jsonb_build_object('method', 'POST', 'url', ? || n), 'available', now(), 5, 60000, now(), now()
					from generate_series(1, ?) n
					""")) {
			insert.setString(1, "http://127.0.0.1:" + receiver.getAddress().getPort() + "/bulk/");
			insert.setInt(2, count);
			insert.executeUpdate();
			try (Statement notify = jobsDb.createStatement()) {
				notify.execute("notify nori_jobs, 'bulk'");
			}
			long started = System.nanoTime();
			await().atMost(Duration.ofMinutes(4))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> query(jobsDb, "select count(*) from jobs where queue = ? and state <> 'succeeded'",
						"bulk") == 0);
			double seconds = (System.nanoTime() - started) / 1e9;
			assertThat(query(jobsDb, "select count(*) from jobs where queue = ? and attempts <> 1", "bulk")).isZero();
			assertThat(query(jobsDb, "select count(distinct worker) from jobs where queue = ?", "bulk")).isEqualTo(2);
			assertThat(executions).hasSize(count);
			assertThat(executions.values()).allSatisfy((runs) -> assertThat(runs.get()).isOne());
			System.out.printf("10,000 http jobs on 2 workers x 8 threads: all succeeded once in %.1f s%n", seconds);
			SystemReport.count("jobs", count);
			SystemReport.count("received", executions.size());
			SystemReport.count("repeated", executions.values().stream().filter((runs) -> runs.get() > 1).count());
		}
		finally {
			workers.forEach((worker) -> worker.stop(Duration.ofSeconds(30)));
			receiver.stop(0);
		}
	}

	@Test
	void theJobsDashboardInABrowserShowsADeadJobAndRedrivesIt() {
		Optional<String> missing = HeadlessChromium.missing();
		assumeTrue(missing.isEmpty(), () -> "the dashboard's browser test is skipped: " + missing.orElse(""));
		AtomicBoolean healthy = new AtomicBoolean();
		HttpServer receiver = TestHttpServer.start((exchange) -> {
			exchange.sendResponseHeaders(healthy.get() ? 204 : 503, -1);
			exchange.close();
		});
		WebDriver browser = null;
		try {
			String admin = adminToken();
			HttpResponse<String> enqueued = postViaGateway("/api/jobs",
					"{\"type\":\"http\",\"maxAttempts\":1,\"payload\":{\"method\":\"POST\",\"url\":"
							+ "\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\"}}",
					admin);
			assertThat(enqueued.statusCode()).as(enqueued.body()).isEqualTo(201);
			String id = JSON.readTree(enqueued.body()).get("id").asString();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> "dead"
					.equals(JSON.readTree(getViaGateway("/api/jobs/" + id, admin).body()).get("state").asString()));

			browser = HeadlessChromium.start();
			WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
			// localhost: a secure context, so the Secure session cookie is kept over http
			browser.get("http://localhost:" + stack.settings().gatewayPort() + "/jobs/dashboard");
			browser.findElement(By.id("email")).sendKeys(ADMIN_EMAIL);
			browser.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
			browser.findElement(By.id("log-in")).click();

			By deadRow = By.cssSelector("#dead tr[data-job='" + id + "']");
			WebDriver page = browser;
			WebElement row = wait
				.withMessage(() -> "the dashboard at " + page.getCurrentUrl() + " shows: "
						+ page.findElement(By.tagName("body")).getText())
				.until(ExpectedConditions.visibilityOfElementLocated(deadRow));
			assertThat(row.getText()).contains("http").contains("503");
			healthy.set(true);
			// the panel refreshes itself: look the button up again if it was swapped
			wait.ignoring(StaleElementReferenceException.class).until((driver) -> {
				driver.findElement(deadRow).findElement(By.cssSelector("button.redrive")).click();
				return true;
			});
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("flash"), "1 job redriven"));
			wait.until(ExpectedConditions.presenceOfElementLocated(
					By.cssSelector("#finished tr[data-job='" + id + "'][data-state='succeeded']")));
			assertThat(browser.findElements(deadRow)).isEmpty();
			assertThat(JSON.readTree(getViaGateway("/api/jobs/" + id, admin).body()).get("state").asString())
				.isEqualTo("succeeded");
		}
		finally {
			if (browser != null) {
				browser.quit();
			}
			receiver.stop(0);
		}
	}

	private static long query(Connection db, String sql, Object parameter) throws java.sql.SQLException {
		try (java.sql.PreparedStatement statement = db.prepareStatement(sql)) {
			if (parameter instanceof List<?> list) {
				statement.setArray(1, db.createArrayOf("text", list.toArray()));
			}
			else {
				statement.setObject(1, parameter);
			}
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
	}

	private static long query(Connection db, String sql, String first, String second) throws java.sql.SQLException {
		try (java.sql.PreparedStatement statement = db.prepareStatement(sql)) {
			statement.setString(1, first);
			statement.setString(2, second);
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
	}

}
