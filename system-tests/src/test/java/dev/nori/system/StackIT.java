package dev.nori.system;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.nori.launcher.BootstrapAdmin;
import dev.nori.launcher.DemoSeed;
import dev.nori.launcher.ManagedProcess;
import dev.nori.launcher.NoriHome;
import dev.nori.launcher.ServiceSpec;
import dev.nori.launcher.Stack;
import dev.nori.launcher.StackSettings;
import com.sun.net.httpserver.HttpServer;
import dev.nori.testsupport.TestHttp;
import dev.nori.testsupport.TestHttpServer;
import dev.nori.testsupport.TestMailbox;
import dev.nori.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole stack, started by the same launcher as {@code ./nori up} (every service its
 * own process, plus a Kafka broker process), called through the gateway as a user would.
 */
class StackIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String ADMIN_EMAIL = "admin@systest.nori.localhost";

	private static final String ADMIN_PASSWORD = "systest-admin-lantern-orchid-42";

	private static Stack stack;

	// notification-service sends its mail here
	private static final TestMailbox mailbox = TestMailbox.start();

	// every token, password and secret this run sends or receives: no log may hold one
	private static final java.util.Set<String> secretsUsed = ConcurrentHashMap.newKeySet();

	private static final Pattern SECRET_FIELD = Pattern.compile(
			"\"(accessToken|refreshToken|password|newPassword|currentPassword|secret|token)\"\\s*:\\s*\"([^\"]{12,})\"");

	private static final Pattern SESSION_COOKIE = Pattern.compile("(?:^|;\\s*)SESSION=([^;]{12,})");

	// every service exports its spans here
	private static final OtlpTraceReceiver traces = OtlpTraceReceiver.start();

	private static List<ManagedProcess> processes;

	@BeforeAll
	static void startStack() throws Exception {
		// the stack's databases belong to this test: each run starts from nothing
		try (Connection connection = TestPostgres.connect("postgres");
				Statement statement = connection.createStatement()) {
			List<String> databases = new ArrayList<>();
			try (ResultSet rows = statement
				.executeQuery("select datname from pg_database where datname like 'nori\\_systest\\_%'")) {
				while (rows.next()) {
					databases.add(rows.getString(1));
				}
			}
			for (String database : databases) {
				statement.execute("drop database \"" + database + "\" with (force)");
			}
		}
		int gatewayPort = Integer.getInteger("nori.system.gateway-port", 28080);
		StackSettings settings = new StackSettings(NoriHome.locate(), Path.of("target", "stack").toAbsolutePath(),
				gatewayPort, Integer.getInteger("nori.system.kafka-port", 29092), "nori_systest_", stackEnvironment());
		stack = new Stack(settings, System.out);
		Duration took = stack.start();
		System.out.println("stack ready in " + took.toMillis() + " ms");
		processes = ServiceSpec.ALL.stream().map((service) -> stack.process(service.name())).toList();
	}

	private static Map<String, String> stackEnvironment() {
		Map<String, String> environment = new java.util.LinkedHashMap<>();
		environment.put("NORI_BOOTSTRAP_ADMIN_EMAIL", ADMIN_EMAIL);
		environment.put("NORI_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
		// longer than a token lives: every request of a browser session refreshes
		environment.put("NORI_GATEWAY_SESSION_REFRESHBEFORE", "11m");
		// several journeys register and log in from one address within a minute
		environment.put("NORI_GATEWAY_RATELIMIT_POLICIES_REGISTER_CAPACITY", "50");
		environment.put("NORI_GATEWAY_RATELIMIT_POLICIES_LOGIN_CAPACITY", "50");
		// job workers that die are noticed within seconds
		environment.put("NORI_JOBS_WORKER_LEASE", "3s");
		environment.put("NORI_JOBS_WORKER_HEARTBEAT", "1s");
		environment.put("NORI_JOBS_WORKER_POLLINTERVAL", "500ms");
		// mail through real SMTP; webhooks give up after three attempts
		environment.put("NORI_NOTIFICATIONS_MAIL_DRIVER", "smtp");
		environment.put("SPRING_MAIL_HOST", "127.0.0.1");
		environment.put("SPRING_MAIL_PORT", Integer.toString(mailbox.port()));
		environment.put("NORI_NOTIFICATIONS_WEBHOOKS_MAXATTEMPTS", "3");
		environment.put("NORI_NOTIFICATIONS_WEBHOOKS_DISABLEAFTER", "3");
		environment.put("NORI_JOBS_METRICS_REFRESH", "1s");
		environment.put("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", traces.endpoint());
		environment.put("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_SCHEDULEDELAY", "200ms");
		return environment;
	}

	@AfterAll
	static void stopStack() throws java.io.IOException {
		traces.close();
		if (stack != null) {
			List<String> killed = stack.stop();
			assertThat(killed).as("services that ignored SIGTERM and had to be killed").isEmpty();
			assertThat(processes).noneMatch(ManagedProcess::isAlive);
			assertThat(stack.kafka().process()).isNull();
			assertNoLogHoldsASecret();
		}
	}

	// the services' logs of the whole run, searched for every secret the run used
	private static void assertNoLogHoldsASecret() throws java.io.IOException {
		// every journey logs in: at least the admin's password and one token
		// (their number only: a failure report is a log too)
		assertThat(secretsUsed.size()).as("secrets seen in this run").isGreaterThanOrEqualTo(2);
		secretsUsed.add(ADMIN_PASSWORD);
		List<String> leaks = new ArrayList<>();
		try (var logs = java.nio.file.Files.list(stack.settings().logDirectory())) {
			for (Path log : logs.toList()) {
				String text = java.nio.file.Files.readString(log, StandardCharsets.UTF_8);
				for (String secret : secretsUsed) {
					if (text.contains(secret)) {
						// name the secret by its start only: the report is a log too
						leaks.add(log.getFileName() + " holds " + secret.substring(0, 6) + "…");
					}
				}
			}
		}
		System.out.println("searched the services' logs for " + secretsUsed.size() + " secrets used in this run");
		assertThat(leaks).as("secrets in the logs").isEmpty();
	}

	private static HttpResponse<String> remembered(String request, HttpResponse<String> response) {
		for (String text : new String[] { request, response.body() }) {
			if (text != null) {
				Matcher field = SECRET_FIELD.matcher(text);
				while (field.find()) {
					secretsUsed.add(field.group(2));
				}
			}
		}
		for (String cookie : response.headers().allValues("Set-Cookie")) {
			Matcher session = SESSION_COOKIE.matcher(cookie);
			if (session.find()) {
				secretsUsed.add(session.group(1));
			}
		}
		return response;
	}

	@Test
	void everyServiceAnswersThroughTheGateway() {
		for (ServiceSpec service : ServiceSpec.ALL) {
			if (service.isGateway()) {
				continue;
			}
			HttpResponse<String> response = viaGateway("/api/" + service.routeKey() + "/info",
					"system-" + service.routeKey());
			assertThat(response.statusCode()).as(service.name()).isEqualTo(200);
			assertThat(response.body()).contains("\"service\":\"" + service.name() + "\"");
			assertThat(response.headers().firstValue("X-Request-ID")).hasValue("system-" + service.routeKey());
		}
	}

	@Test
	void everyServiceIsReadyOnItsManagementPort() {
		for (ServiceSpec service : ServiceSpec.ALL) {
			int port = stack.settings().managementPort(service);
			HttpResponse<String> readiness = TestHttp.get(port, "/actuator/health/readiness", null);
			assertThat(readiness.statusCode()).as(service.name()).isEqualTo(200);
		}
	}

	@Test
	void everyServiceExposesItsOperationalMetricsOnItsManagementPort() {
		// traffic of each kind the metrics describe: a failed login, a job, a request to
		// every service
		assertThat(postViaGateway("/api/auth/login",
				"{\"email\":\"" + ADMIN_EMAIL + "\",\"password\":\"not-the-password-at-all\"}", null)
			.statusCode()).isEqualTo(401);
		String admin = adminToken();
		expectStatus(
				postViaGateway("/api/jobs",
						"{\"type\":\"noop\",\"payload\":{},\"queue\":\"metrics-probe\",\"delaySeconds\":3600}", admin),
				201);
		for (ServiceSpec service : ServiceSpec.ALL) {
			if (!service.isGateway()) {
				viaGateway("/api/" + service.routeKey() + "/info", "system-metrics");
			}
		}
		Map<String, List<String>> expected = Map.of("gateway",
				List.of("http_server_requests_seconds_count", "nori_gateway_ratelimit_rejected_total{policy=\"login\""),
				"auth-service",
				List.of("http_server_requests_seconds_count", "nori_auth_logins_total{outcome=\"failure\"",
						"nori_auth_lockouts_total"),
				"content-service",
				List.of("http_server_requests_seconds_count", "nori_eventing_outbox_backlog",
						"nori_eventing_outbox_oldest_age_seconds"),
				"job-service",
				List.of("http_server_requests_seconds_count",
						"nori_jobs{queue=\"metrics-probe\",state=\"scheduled\"} 1.0"),
				"notification-service",
				List.of("http_server_requests_seconds_count", "nori_notifications_mail_total{outcome=\"sent\"",
						"nori_notifications_mail_total{outcome=\"dead\"", "nori_eventing_consumer_lag"),
				"search-service", List.of("http_server_requests_seconds_count", "nori_search_index_delay_seconds",
						"nori_eventing_consumer_lag"));
		for (ServiceSpec service : ServiceSpec.ALL) {
			int port = stack.settings().managementPort(service);
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				HttpResponse<String> metrics = TestHttp.get(port, "/actuator/prometheus", null);
				assertThat(metrics.statusCode()).as(service.name()).isEqualTo(200);
				assertThat(metrics.body()).as(service.name()).contains(expected.get(service.name()));
			});
		}
		// failed logins are counted where they happen
		HttpResponse<String> auth = TestHttp.get(stack.settings()
			.managementPort(ServiceSpec.ALL.stream()
				.filter((service) -> service.name().equals("auth-service"))
				.findFirst()
				.orElseThrow()), "/actuator/prometheus", null);
		Matcher failures = Pattern.compile("(?m)^nori_auth_logins_total\\{[^}]*outcome=\"failure\"[^}]*\\} ([0-9.]+)$")
			.matcher(auth.body());
		assertThat(failures.find()).isTrue();
		assertThat(Double.parseDouble(failures.group(1))).isGreaterThanOrEqualTo(1);
	}

	@Test
	void unknownAddressesAreProblemJsonAtTheGateway() {
		HttpResponse<String> response = viaGateway("/unknown/thing", "system-404");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"requestId\":\"system-404\"");
	}

	@Test
	void serviceErrorsReachTheClientAsProblemJson() {
		// a public route (published articles), so no token is needed to reach the service
		HttpResponse<String> response = viaGateway("/api/content/articles/no/such/endpoint", "system-svc-404");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("\"type\":\"https://nori.dev/problems/not-found\"")
			.contains("\"requestId\":\"system-svc-404\"");
	}

	@Test
	void theGatewayServesOneOpenApiDocumentOfEveryService() {
		HttpResponse<String> response = viaGateway("/docs/openapi.json", "system-docs");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).doesNotContain("x-nori-missing").doesNotContain("/internal/");
		assertThat(response.body()).contains("\"/api/auth/login\"").contains("\"/api/auth/api-keys\"");
		for (ServiceSpec service : ServiceSpec.ALL) {
			if (!service.isGateway()) {
				assertThat(response.body()).as(service.name()).contains("\"/api/" + service.routeKey() + "/info\"");
			}
		}
	}

	@Test
	void protectedAddressesNeedAToken() {
		HttpResponse<String> response = viaGateway("/api/content/drafts", "system-401");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"nori\"");
		assertThat(response.body()).contains("\"type\":\"https://nori.dev/problems/unauthorized\"");
	}

	@Test
	void registerLogInCallRefreshLogOutAndTheOldTokenIsRefused() {
		String email = "journey-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		String password = "pelican-harbor-" + UUID.randomUUID().toString().substring(0, 6);
		HttpResponse<String> registered = postViaGateway("/api/auth/register",
				"{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"displayName\":\"Journey\"}", null);
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);

		JsonNode pair = JSON.readTree(postViaGateway("/api/auth/login",
				"{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", null)
			.body());
		String access = pair.get("accessToken").asString();
		HttpResponse<String> me = getViaGateway("/api/auth/me", access);
		assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
		assertThat(me.body()).contains(email);
		// another service checks the same token itself: past the check, the address is
		// unknown
		assertThat(getViaGateway("/api/content/drafts", access).statusCode()).isEqualTo(404);

		HttpResponse<String> refreshed = postViaGateway("/api/auth/refresh",
				"{\"refreshToken\":\"" + pair.get("refreshToken").asString() + "\"}", null);
		assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
		String newAccess = JSON.readTree(refreshed.body()).get("accessToken").asString();

		assertThat(postViaGateway("/api/auth/logout", "", newAccess).statusCode()).isEqualTo(204);
		// the gateway reads the revocation auth-service wrote (verdicts are kept 1 s)
		await().atMost(Duration.ofSeconds(3))
			.untilAsserted(() -> assertThat(getViaGateway("/api/auth/me", newAccess).statusCode()).isEqualTo(401));
		assertThat(getViaGateway("/api/auth/me", access).statusCode()).isEqualTo(401);
	}

	@Test
	void theDemoSeedLoadsThroughTheGatewayOnceAndAgainAddsNothing() {
		DemoSeed seed = new DemoSeed("http://127.0.0.1:" + stack.settings().gatewayPort(),
				BootstrapAdmin.of(stack.settings()), System.out);
		DemoSeed.Result first = seed.run();
		assertThat(first).isEqualTo(new DemoSeed.Result(40, 210, first.posts(), 5, first.requests()));
		assertThat(first.posts()).isPositive();

		JsonNode published = JSON.readTree(getViaGateway("/api/content/articles?size=1", null).body());
		assertThat(published.get("totalItems").asLong()).isGreaterThanOrEqualTo(180);
		JsonNode tree = JSON.readTree(getViaGateway("/api/content/categories", null).body());
		assertThat(tree.valueStream().map((node) -> node.get("depth").asInt()).distinct()).contains(1, 2, 3);
		// authors' names come from auth-service's events
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(JSON.readTree(getViaGateway("/api/content/articles/demo-article-001", null).body())
						.get("author")
						.get("displayName")
						.asString()).endsWith("Author"));
		JsonNode upload = JSON
			.readTree(getViaGateway("/api/content/uploads?article="
					+ JSON.readTree(getViaGateway("/api/content/articles/demo-article-001", null).body())
						.get("id")
						.asString(),
					null)
				.body())
			.get(0);
		HttpResponse<String> image = getViaGateway(upload.get("contentUrl").asString(), null);
		assertThat(image.statusCode()).isEqualTo(200);
		assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
		assertThat(image.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

		DemoSeed.Result again = seed.run();
		assertThat(again).isEqualTo(new DemoSeed.Result(0, 0, 0, 0, again.requests()));
	}

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
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		Map<String, String> bulk = Map.of("NORI_JOBS_WORKER_QUEUES", "bulk", "NORI_JOBS_WORKER_THREADS", "8");
		List<ManagedProcess> workers = List.of(stack.startWorker("job-worker-bulk-a", bulk),
				stack.startWorker("job-worker-bulk-b", bulk));
		int count = 10_000;
		try (Connection jobsDb = TestPostgres.connect("nori_systest_jobs");
				java.sql.PreparedStatement insert = jobsDb.prepareStatement("""
						insert into jobs (id, type, queue, payload, state, run_at, max_attempts, timeout_ms,
						  created_at, updated_at)
						select gen_random_uuid(), 'http', 'bulk',
						  jsonb_build_object('method', 'GET', 'url', ? || n), 'available', now(), 5, 60000, now(), now()
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

	@Test
	void registrationMailsAVerificationLinkThatVerifiesAndThenAWelcome() {
		String email = "mail-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		HttpResponse<String> registered = postViaGateway("/api/auth/register",
				"{\"email\":\"" + email + "\",\"password\":\"lantern-meadow-"
						+ UUID.randomUUID().toString().substring(0, 6) + "\",\"displayName\":\"Mail <b>Journey</b>\"}",
				null);
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
		await().atMost(Duration.ofSeconds(30)).until(() -> mailbox.to(email).size() == 1);
		Map<String, String> parts = TestMailbox.parts(mailbox.to(email).get(0));
		assertThat(parts).containsOnlyKeys("text/plain", "text/html");
		assertThat(parts.get("text/html")).contains("Mail &lt;b&gt;Journey&lt;/b&gt;").doesNotContain("<b>Journey");
		Matcher link = Pattern.compile("https?://\\S+/verify-email\\?token=([A-Za-z0-9%._~-]+)")
			.matcher(parts.get("text/plain"));
		assertThat(link.find()).as(parts.get("text/plain")).isTrue();
		assertThat(parts.get("text/html")).contains("href=\"" + link.group() + "\"");
		String token = URLDecoder.decode(link.group(1), StandardCharsets.UTF_8);

		HttpResponse<String> verified = postViaGateway("/api/auth/verify-email",
				JSON.writeValueAsString(Map.of("token", token)), null);
		assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(30)).until(() -> mailbox.to(email).size() == 2);
		assertThat(mailbox.to(email).get(1))
			.satisfies((welcome) -> assertThat(welcome.getSubject()).isEqualTo("Welcome to Nori"));
	}

	@Test
	void aPublishedArticleReachesAnEventStreamAndASignedWebhookAndAFailingReceiverIsDisabled() throws Exception {
		String admin = adminToken();
		String published = "nori.content.article.published.v1";
		List<Map<String, String>> received = new CopyOnWriteArrayList<>();
		HttpServer receiver = TestHttpServer.start((exchange) -> {
			received.add(Map.of("id", exchange.getRequestHeaders().getFirst("webhook-id"), "timestamp",
					exchange.getRequestHeaders().getFirst("webhook-timestamp"), "signature",
					exchange.getRequestHeaders().getFirst("webhook-signature"), "body",
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		HttpServer failing = TestHttpServer.start((exchange) -> {
			exchange.getRequestBody().readAllBytes();
			exchange.sendResponseHeaders(500, -1);
			exchange.close();
		});
		try {
			JsonNode working = JSON.readTree(
					expectStatus(
							postViaGateway("/api/notifications/webhooks",
									JSON.writeValueAsString(Map.of("url",
											"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks",
											"eventTypes", List.of(published))),
									admin),
							201)
						.body());
			JsonNode broken = JSON.readTree(
					expectStatus(
							postViaGateway("/api/notifications/webhooks",
									JSON.writeValueAsString(Map.of("url",
											"http://127.0.0.1:" + failing.getAddress().getPort() + "/hooks",
											"eventTypes", List.of(published))),
									admin),
							201)
						.body());

			BlockingQueue<String> streamed = new LinkedBlockingQueue<>();
			HttpResponse<java.util.stream.Stream<String>> stream = java.net.http.HttpClient.newHttpClient()
				.send(TestHttp.get(stack.settings().gatewayPort(), "/api/notifications/stream?types=" + published)
					.header("Authorization", "Bearer " + admin)
					.build(), HttpResponse.BodyHandlers.ofLines());
			assertThat(stream.statusCode()).isEqualTo(200);
			Thread.ofVirtual().start(() -> {
				try {
					stream.body().forEach(streamed::add);
				}
				catch (RuntimeException ex) {
					// closed at the end of the test
				}
			});

			String slug = "live-" + UUID.randomUUID().toString().substring(0, 8);
			String id = JSON
				.readTree(
						expectStatus(
								postViaGateway("/api/content/articles",
										JSON.writeValueAsString(
												Map.of("title", "Live " + slug, "slug", slug, "body", "Hello")),
										admin),
								201)
							.body())
				.get("id")
				.asString();
			expectStatus(postViaGateway("/api/content/articles/" + id + "/publish", "", admin), 200);

			String line;
			do {
				line = streamed.poll(30, java.util.concurrent.TimeUnit.SECONDS);
				assertThat(line).as("an event on the stream").isNotNull();
			}
			while (!line.startsWith("data:") || !line.contains(slug));
			stream.body().close();

			await().atMost(Duration.ofSeconds(30)).until(() -> !received.isEmpty());
			Map<String, String> delivery = received.get(0);
			JsonNode body = JSON.readTree(delivery.get("body"));
			assertThat(body.get("type").asString()).isEqualTo(published);
			assertThat(body.get("data").get("slug").asString()).isEqualTo(slug);
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(
					Base64.getDecoder().decode(working.get("secret").asString().substring("whsec_".length())),
					"HmacSHA256"));
			String signed = delivery.get("id") + "." + delivery.get("timestamp") + "." + delivery.get("body");
			assertThat(delivery.get("signature")).isEqualTo(
					"v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8))));
			await().atMost(Duration.ofSeconds(30))
				.until(() -> "succeeded".equals(JSON.readTree(getViaGateway(
						"/api/notifications/webhooks/" + working.get("id").asString() + "/deliveries", admin)
					.body()).get("items").get(0).get("state").asString()));

			// three attempts (job-service retries after 1 s, then 2 s), then the endpoint
			// is
			// disabled and its owner told
			await().atMost(Duration.ofSeconds(60))
				.until(() -> !JSON
					.readTree(getViaGateway("/api/notifications/webhooks/" + broken.get("id").asString(), admin).body())
					.get("enabled")
					.asBoolean());
			JsonNode dead = JSON
				.readTree(getViaGateway("/api/notifications/webhooks/" + broken.get("id").asString() + "/deliveries",
						admin)
					.body())
				.get("items")
				.get(0);
			assertThat(dead.get("attempts").asInt()).isEqualTo(3);
			assertThat(dead.get("lastError").asString()).contains("answered 500");
			await().atMost(Duration.ofSeconds(30))
				.until(() -> mailbox.to(ADMIN_EMAIL)
					.stream()
					.anyMatch((mail) -> TestMailbox.parts(mail)
						.get("text/plain")
						.contains("127.0.0.1:" + failing.getAddress().getPort())));
		}
		finally {
			receiver.stop(0);
			failing.stop(0);
			// later journeys publish articles: no endpoint of this test receives them
			JsonNode endpoints = JSON.readTree(getViaGateway("/api/notifications/webhooks", admin).body()).get("items");
			for (JsonNode endpoint : endpoints) {
				send(TestHttp
					.get(stack.settings().gatewayPort(), "/api/notifications/webhooks/" + endpoint.get("id").asString())
					.DELETE()
					.header("Authorization", "Bearer " + admin));
			}
		}
	}

	@Test
	void oneTraceFollowsAPublishFromTheGatewayThroughKafkaToSearchAndThroughJobsToTheWebhook() throws Exception {
		String admin = adminToken();
		String published = "nori.content.article.published.v1";
		List<String> traceparents = new CopyOnWriteArrayList<>();
		HttpServer receiver = TestHttpServer.start((exchange) -> {
			exchange.getRequestBody().readAllBytes();
			traceparents.add(String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		String endpoint = null;
		try {
			endpoint = JSON
				.readTree(
						expectStatus(
								postViaGateway("/api/notifications/webhooks",
										JSON.writeValueAsString(Map.of("url",
												"http://127.0.0.1:" + receiver.getAddress().getPort() + "/t",
												"eventTypes", List.of(published))),
										admin),
								201)
							.body())
				.get("id")
				.asString();
			String slug = "traced-" + UUID.randomUUID().toString().substring(0, 8);
			String id = JSON
				.readTree(expectStatus(
						postViaGateway("/api/content/articles",
								JSON.writeValueAsString(
										Map.of("title", "Traced " + slug, "slug", slug, "body", "Followed")),
								admin),
						201)
					.body())
				.get("id")
				.asString();

			// the client's own trace context: the gateway continues it
			String traceId = randomHex(32);
			String clientSpan = randomHex(16);
			expectStatus(
					send(TestHttp.post(stack.settings().gatewayPort(), "/api/content/articles/" + id + "/publish", "")
						.header("Authorization", "Bearer " + admin)
						.header("traceparent", "00-" + traceId + "-" + clientSpan + "-01")),
					200);

			await().atMost(Duration.ofSeconds(30)).until(() -> !traceparents.isEmpty());
			assertThat(traceparents.get(0)).as("the webhook call's trace context").startsWith("00-" + traceId + "-");
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(traces.trace(traceId))
					.extracting(OtlpTraceReceiver.ReceivedSpan::service)
					.contains("gateway", "content-service", "search-service", "notification-service", "job-service"));
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				Map<String, OtlpTraceReceiver.ReceivedSpan> byId = new java.util.HashMap<>();
				traces.trace(traceId).forEach((span) -> byId.put(span.spanId(), span));
				OtlpTraceReceiver.ReceivedSpan gateway = byId.values()
					.stream()
					.filter((span) -> span.service().equals("gateway") && span.parentSpanId().equals(clientSpan))
					.findFirst()
					.orElseThrow(() -> new AssertionError("no gateway span under the client's span"));
				// each hop's span descends from the gateway's: one unbroken trace
				List<String> hops = List.of("content-service SPAN_KIND_SERVER", "content-service SPAN_KIND_PRODUCER",
						"search-service SPAN_KIND_CONSUMER", "notification-service SPAN_KIND_CONSUMER",
						"notification-service SPAN_KIND_PRODUCER", "job-service SPAN_KIND_CONSUMER");
				for (String hop : hops) {
					assertThat(byId.values()).as(hop + " under the gateway's span; spans: " + byId.values())
						.anyMatch((span) -> (span.service() + " " + span.kind()).equals(hop)
								&& descendsFrom(span, gateway.spanId(), byId));
				}
				assertThat(byId.values()).anyMatch((span) -> span.service().equals("job-service")
						&& span.name().equals("job http") && descendsFrom(span, gateway.spanId(), byId));
			});

			// a redelivery asked of notification-service through the gateway is a trace
			// of
			// its own, which the webhook call continues
			String delivery = JSON
				.readTree(getViaGateway("/api/notifications/webhooks/" + endpoint + "/deliveries", admin).body())
				.get("items")
				.get(0)
				.get("id")
				.asString();
			String redeliveryTrace = randomHex(32);
			expectStatus(send(TestHttp
				.post(stack.settings().gatewayPort(),
						"/api/notifications/webhooks/" + endpoint + "/deliveries/" + delivery + "/redeliver", "")
				.header("Authorization", "Bearer " + admin)
				.header("traceparent", "00-" + redeliveryTrace + "-" + randomHex(16) + "-01")), 202);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(traceparents)
					.anyMatch((header) -> header.startsWith("00-" + redeliveryTrace + "-")));
		}
		finally {
			receiver.stop(0);
			if (endpoint != null) {
				send(TestHttp.get(stack.settings().gatewayPort(), "/api/notifications/webhooks/" + endpoint)
					.DELETE()
					.header("Authorization", "Bearer " + admin));
			}
		}
	}

	private static boolean descendsFrom(OtlpTraceReceiver.ReceivedSpan span, String ancestor,
			Map<String, OtlpTraceReceiver.ReceivedSpan> byId) {
		OtlpTraceReceiver.ReceivedSpan current = span;
		for (int depth = 0; current != null && depth < 50; depth++) {
			if (current.parentSpanId().equals(ancestor)) {
				return true;
			}
			current = byId.get(current.parentSpanId());
		}
		return false;
	}

	private static String randomHex(int digits) {
		byte[] bytes = new byte[digits / 2];
		new java.security.SecureRandom().nextBytes(bytes);
		return java.util.HexFormat.of().formatHex(bytes);
	}

	@Test
	void searchKilledWhileArticlesAreWrittenCatchesUpAfterARestartWithNothingMissing() throws Exception {
		String admin = adminToken();
		String run = UUID.randomUUID().toString().substring(0, 8).replaceAll("[0-9]", "x");
		String word = "catchup" + run;
		int articles = 40;
		List<String> published = new CopyOnWriteArrayList<>();
		Thread writer = Thread.ofVirtual().start(() -> {
			for (int i = 0; i < articles; i++) {
				String id = JSON
					.readTree(
							expectStatus(
									postViaGateway("/api/content/articles",
											JSON.writeValueAsString(Map.of("title", "Catch up " + word + " " + i,
													"body", "Body " + i, "tags", List.of("catchup-" + run))),
											admin),
									201)
								.body())
					.get("id")
					.asString();
				expectStatus(postViaGateway("/api/content/articles/" + id + "/publish", "", admin), 200);
				published.add(id);
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		});
		await().atMost(Duration.ofSeconds(60)).until(() -> published.size() >= 10);
		stack.process("search-service").kill();
		await().atMost(Duration.ofSeconds(10)).until(() -> !stack.process("search-service").isAlive());
		Thread.sleep(1500);
		stack.startAgain("search-service");
		writer.join(Duration.ofMinutes(2));
		assertThat(published).hasSize(articles);

		JsonNode listed = JSON
			.readTree(getViaGateway("/api/content/articles?tag=catchup-" + run + "&size=100", admin).body());
		List<String> inContent = new ArrayList<>();
		listed.get("items").forEach((item) -> inContent.add(item.get("id").asString()));
		assertThat(inContent).containsExactlyInAnyOrderElementsOf(published);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> JSON.readTree(getViaGateway("/api/search?q=" + word + "&size=50", null).body())
				.get("totalItems")
				.asLong() == articles);
		List<String> found = new ArrayList<>();
		JSON.readTree(getViaGateway("/api/search?q=" + word + "&size=50", null).body())
			.get("items")
			.forEach((item) -> found.add(item.get("id").asString()));
		assertThat(found).containsExactlyInAnyOrderElementsOf(inContent);

		// a rebuild from content-service's snapshots finds the same
		assertThat(postViaGateway("/api/search/admin/reindex", "", admin).statusCode()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> "done".equals(
					JSON.readTree(getViaGateway("/api/search/admin/reindex", admin).body()).get("state").asString()));
		List<String> rebuilt = new ArrayList<>();
		JSON.readTree(getViaGateway("/api/search?q=" + word + "&size=50", null).body())
			.get("items")
			.forEach((item) -> rebuilt.add(item.get("id").asString()));
		assertThat(rebuilt).containsExactlyInAnyOrderElementsOf(inContent);
	}

	private static HttpResponse<String> expectStatus(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		return response;
	}

	@Test
	void theFirstAdminComesFromConfiguration() {
		HttpResponse<String> roles = getViaGateway("/api/auth/admin/roles", adminToken());
		assertThat(roles.statusCode()).as(roles.body()).isEqualTo(200);
		assertThat(roles.body()).contains("\"editor\"");
	}

	@Test
	void anApiKeyWorksThroughTheGatewayUntilItIsRevoked() {
		String admin = adminToken();
		HttpResponse<String> created = postViaGateway("/api/auth/api-keys",
				"{\"name\":\"reports\",\"scopes\":[\"audit.read\"],\"expiresAt\":\""
						+ java.time.Instant.now().plus(Duration.ofDays(7)) + "\"}",
				admin);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		JsonNode key = JSON.readTree(created.body());
		String secret = key.get("secret").asString();

		HttpResponse<String> audit = getViaGateway("/api/auth/admin/audit?size=1", secret);
		assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
		// the key's scopes bound it: users.manage is the admin's, not the key's
		assertThat(getViaGateway("/api/auth/admin/users", secret).statusCode()).isEqualTo(403);

		var revoke = TestHttp
			.get(stack.settings().gatewayPort(), "/api/auth/api-keys/" + key.get("key").get("id").asString())
			.DELETE()
			.header("Authorization", "Bearer " + admin);
		assertThat(TestHttp.send(revoke).statusCode()).isEqualTo(204);
		await().atMost(Duration.ofSeconds(8))
			.untilAsserted(() -> assertThat(getViaGateway("/api/auth/admin/audit?size=1", secret).statusCode())
				.isEqualTo(401));
	}

	@Test
	void aBrowserLogsInWithACookieWritesWithTheCsrfTokenAndLogsOut() {
		String email = "browser-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		String password = "walnut-ferry-" + UUID.randomUUID().toString().substring(0, 6);
		assertThat(postViaGateway("/api/auth/register",
				"{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"displayName\":\"Browser\"}", null)
			.statusCode()).isEqualTo(201);

		HttpResponse<String> wrong = postViaGateway("/api/auth/session",
				"{\"email\":\"" + email + "\",\"password\":\"not-it\"}", null);
		assertThat(wrong.statusCode()).isEqualTo(401);

		HttpResponse<String> login = postViaGateway("/api/auth/session",
				"{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", null);
		assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
		assertThat(login.body()).doesNotContain("accessToken").doesNotContain("refreshToken");
		String sessionCookie = login.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((cookie) -> cookie.startsWith("NORI_SESSION="))
			.findFirst()
			.orElseThrow();
		assertThat(sessionCookie).containsIgnoringCase("HttpOnly").contains("SameSite=Lax").contains("Secure");
		String cookie = sessionCookie.split(";", 2)[0];
		String csrf = JSON.readTree(login.body()).get("csrfToken").asString();

		HttpResponse<String> me = send(
				TestHttp.get(stack.settings().gatewayPort(), "/api/auth/me").header("Cookie", cookie));
		assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
		assertThat(me.body()).contains(email);

		// a write the cookie authenticates needs the CSRF token
		HttpResponse<String> forged = send(
				TestHttp.post(stack.settings().gatewayPort(), "/api/auth/verify-email/resend", "")
					.header("Cookie", cookie));
		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(forged.body()).contains("CSRF");
		HttpResponse<String> resent = send(
				TestHttp.post(stack.settings().gatewayPort(), "/api/auth/verify-email/resend", "")
					.header("Cookie", cookie)
					.header("X-CSRF-Token", csrf));
		assertThat(resent.statusCode()).as(resent.body()).isEqualTo(202);
		// the gateway refreshed the session's tokens on the way (refresh-before is set
		// above)
		String userId = JSON.readTree(me.body()).get("id").asString();
		String admin = adminToken();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(JSON
				.readTree(getViaGateway("/api/auth/admin/audit?action=token.refreshed&actor=" + userId, admin).body())
				.size()).isGreaterThanOrEqualTo(2));

		var logout = TestHttp.get(stack.settings().gatewayPort(), "/api/auth/session")
			.DELETE()
			.header("Cookie", cookie);
		assertThat(send(logout).statusCode()).isEqualTo(403);
		assertThat(send(logout.header("X-CSRF-Token", csrf)).statusCode()).isEqualTo(204);
		assertThat(send(TestHttp.get(stack.settings().gatewayPort(), "/api/auth/me").header("Cookie", cookie))
			.statusCode()).isEqualTo(401);
	}

	private static HttpResponse<String> send(java.net.http.HttpRequest.Builder request) {
		return remembered(null, TestHttp.send(request));
	}

	private static String adminToken() {
		HttpResponse<String> login = postViaGateway("/api/auth/login",
				"{\"email\":\"" + ADMIN_EMAIL + "\",\"password\":\"" + ADMIN_PASSWORD + "\"}", null);
		assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
		return JSON.readTree(login.body()).get("accessToken").asString();
	}

	private static HttpResponse<String> getViaGateway(String path, String accessToken) {
		var request = TestHttp.get(stack.settings().gatewayPort(), path);
		if (accessToken != null) {
			request.header("Authorization", "Bearer " + accessToken);
		}
		return remembered(null, TestHttp.send(request));
	}

	private static HttpResponse<String> postViaGateway(String path, String json, String accessToken) {
		var request = TestHttp.post(stack.settings().gatewayPort(), path, json);
		if (accessToken != null) {
			request.header("Authorization", "Bearer " + accessToken);
		}
		return remembered(json, TestHttp.send(request));
	}

	private static HttpResponse<String> viaGateway(String path, String requestId) {
		return TestHttp.get(stack.settings().gatewayPort(), path, requestId);
	}

}
