package dev.nori.benchmarks;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.nori.launcher.ManagedProcess;
import dev.nori.launcher.NoriHome;
import dev.nori.launcher.Ports;
import dev.nori.testsupport.TestHttp;
import dev.nori.testsupport.TestKafka;
import dev.nori.testsupport.TestPostgres;
import dev.nori.testsupport.TestTokenIssuer;

/**
 * job-service's queue against db-scheduler (lock-and-fetch) on the same PostgreSQL in the
 * same run: 100,000 pre-inserted no-op jobs drained with 8 and 32 worker threads; the
 * single-commit rate of the database (one client, one-row inserts, autocommit) and the
 * disk's flush rate by {@code pg_test_fsync}, where PostgreSQL's tools are installed; and
 * enqueue → start latency at a steady rate through the REST API. Each drain reports the
 * CPU time per job of the machine, the engine's process and PostgreSQL.
 * <p>
 * System properties: {@code jobs} (100000), {@code threads} ("8,32"), {@code rate} (500;
 * 0 skips the latency runs), {@code seconds} (20), {@code warmUpSeconds} (30: enqueues at
 * the rate before each measured latency run, long enough for the service's JIT to
 * settle), {@code apiOnly} (false; true skips the latency run over JDBC),
 * {@code warmUpJobs} (20000: an unmeasured drain before each measured one),
 * {@code announced} (true; false skips the drains with a succeeded event per job),
 * {@code batchSize}, {@code claimAhead}, {@code serviceOptions} (JVM options of
 * job-service, e.g. JFR).
 */
public final class JobQueueBenchmark {

	private static final String DATABASE = "nori_bench_jobs";

	private static final String UNFINISHED_JOBS = "select exists (select 1 from jobs where state in "
			+ "('scheduled', 'available', 'retrying')) or exists (select 1 from jobs where state = 'running')";

	private JobQueueBenchmark() {
	}

	/**
	 * Runs the benchmark.
	 * @param args unused
	 */
	public static void main(String[] args) {
		BenchmarkRun.exitOnFailure(JobQueueBenchmark::run);
	}

	private static void run() throws Exception {
		int jobs = Integer.getInteger("jobs", 100_000);
		// -Dthreads= (empty) measures the latency alone
		List<Integer> threadCounts = Arrays.stream(System.getProperty("threads", "8,32").split(","))
			.filter((count) -> !count.isBlank())
			.map(Integer::parseInt)
			.toList();
		int rate = Integer.getInteger("rate", 500);
		int seconds = Integer.getInteger("seconds", 20);
		NoriHome home = NoriHome.locate();
		Path work = Files.createDirectories(home.var().resolve("bench/jobs"));
		try (Connection admin = TestPostgres.connect("postgres"); Statement statement = admin.createStatement()) {
			statement.execute("drop database if exists " + DATABASE + " with (force)");
			statement.execute("create database " + DATABASE);
		}
		System.out.printf(Locale.ROOT, "job queue: %,d no-op jobs per drain, threads %s; latency at %d jobs/s%n", jobs,
				threadCounts, rate);
		// the commit rate drifts on a shared machine: it is measured before the drains
		// and after each thread count's, and the median is the baseline
		List<Double> commitRates = new ArrayList<>(List.of(singleCommitRate()));
		// the other measure of the same: the disk's flush rate, tool-measured
		String syncMethod = walSyncMethod();
		OptionalDouble fsyncs = FsyncRate.measure(work, syncMethod);
		System.out.printf(Locale.ROOT, "pg_test_fsync, one 8 kB write, %s: %s%n", syncMethod,
				fsyncs.isPresent() ? String.format(Locale.ROOT, "%,.0f/s", fsyncs.getAsDouble()) : "not available");

		TestTokenIssuer issuer = TestTokenIssuer.start("https://bench.test/api/auth");
		Map<Integer, double[]> results = new LinkedHashMap<>();
		for (int threads : threadCounts) {
			double nori = drainNori(home, work, issuer, jobs, threads, false);
			double announced = Boolean.parseBoolean(System.getProperty("announced", "true"))
					? drainNori(home, work, issuer, jobs, threads, true) : Double.NaN;
			double dbScheduler = drainDbScheduler(jobs, threads);
			results.put(threads, new double[] { nori, dbScheduler, announced });
			System.out.printf(Locale.ROOT,
					"%2d threads: job-service %,8.0f jobs/s (%,8.0f with a succeeded event per job)   db-scheduler "
							+ "%,8.0f jobs/s   %.2fx (%.2fx)%n",
					threads, nori, announced, dbScheduler, nori / dbScheduler, announced / dbScheduler);
			commitRates.add(singleCommitRate());
		}
		double commits = commitRates.stream().sorted().toList().get(commitRates.size() / 2);
		System.out.printf(Locale.ROOT, "single-commit rate (one client, one-row inserts): %s/s, median %,.0f/s%n",
				commitRates.stream().map((each) -> String.format(Locale.ROOT, "%,.0f", each)).toList(), commits);
		// -Drate=0 measures the drains alone
		long[] direct = (rate > 0 && !Boolean.getBoolean("apiOnly"))
				? latency(home, work, issuer, rate, Duration.ofSeconds(seconds), false) : null;
		long[] latencies = (rate > 0) ? latency(home, work, issuer, rate, Duration.ofSeconds(seconds), true) : null;
		issuer.close();

		System.out.println();
		results.forEach((threads, rates) -> System.out.printf(Locale.ROOT,
				"drain, %2d threads: job-service / db-scheduler %.2fx (target >= 2.0: %s); job-service / single commits "
						+ "%.2fx (target >= 5: %s; / pg_test_fsync %.2fx); with succeeded events %.2fx and %.2fx%n",
				threads, rates[0] / rates[1], (rates[0] / rates[1] >= 2.0) ? "met" : "NOT met", rates[0] / commits,
				(rates[0] / commits >= 5) ? "met" : "NOT met", rates[0] / fsyncs.orElse(Double.NaN),
				rates[2] / rates[1], rates[2] / commits));
		if (direct != null) {
			System.out.printf(Locale.ROOT,
					"enqueue -> start at %d jobs/s, enqueued over JDBC: p50 %.1f ms, p99 %.1f ms (target p50 <= 5 ms: "
							+ "%s)%n",
					rate, direct[0] / 1000.0, direct[1] / 1000.0, (direct[0] <= 5000) ? "met" : "NOT met");
		}
		if (latencies != null) {
			System.out.printf(Locale.ROOT,
					"enqueue -> start at %d jobs/s, enqueued through the REST API: p50 %.1f ms, p99 %.1f ms (target "
							+ "p50 <= 5 ms: %s)%n",
					rate, latencies[0] / 1000.0, latencies[1] / 1000.0, (latencies[0] <= 5000) ? "met" : "NOT met");
		}
		System.exit(0);
	}

	private static String walSyncMethod() throws SQLException {
		try (Connection db = TestPostgres.connect(DATABASE);
				Statement statement = db.createStatement();
				ResultSet rows = statement.executeQuery("show wal_sync_method")) {
			rows.next();
			return rows.getString(1);
		}
	}

	private static double singleCommitRate() throws SQLException {
		try (Connection db = TestPostgres.connect(DATABASE); Statement statement = db.createStatement()) {
			statement.execute("create table if not exists bench_commits (id bigserial primary key, at timestamptz)");
			try (PreparedStatement insert = db.prepareStatement("insert into bench_commits (at) values (now())")) {
				long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
				long start = System.nanoTime();
				int count = 0;
				while (System.nanoTime() < end) {
					insert.executeUpdate();
					count++;
				}
				return count / ((System.nanoTime() - start) / 1e9);
			}
			finally {
				statement.execute("drop table bench_commits");
			}
		}
	}

	private static ManagedProcess startJobService(NoriHome home, Path work, TestTokenIssuer issuer, String name,
			String roles, int threads, int port, boolean announceSuccesses) {
		Map<String, String> environment = new HashMap<>(Map.ofEntries(Map.entry("SERVER_PORT", Integer.toString(port)),
				Map.entry("MANAGEMENT_SERVER_PORT", Integer.toString(Ports.free())),
				Map.entry("NORI_KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers()),
				Map.entry("NORI_DB_PREFIX", "nori_bench_"), Map.entry("LOG_LEVEL", "WARN"),
				Map.entry("NORI_JOBS_ROLES", roles),
				Map.entry("NORI_JOBS_EVENTS_SUCCEEDED", Boolean.toString(announceSuccesses)),
				Map.entry("NORI_JOBS_WORKER_THREADS", Integer.toString(threads)),
				Map.entry("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE", Integer.toString(threads + 8)),
				Map.entry("JAVA_TOOL_OPTIONS", System.getProperty("serviceOptions", "")),
				Map.entry("NORI_SERVICE_SECURITY_ISSUER", issuer.issuer()),
				Map.entry("NORI_SERVICE_SECURITY_JWKSURI", issuer.jwksUri().toString())));
		// the service's defaults unless -DbatchSize or -DclaimAhead say otherwise
		if (System.getProperty("batchSize") != null) {
			environment.put("NORI_JOBS_WORKER_BATCHSIZE", System.getProperty("batchSize"));
		}
		if (System.getProperty("claimAhead") != null) {
			environment.put("NORI_JOBS_WORKER_CLAIMAHEAD", System.getProperty("claimAhead"));
		}
		return BenchProcesses.start(name, false, "0",
				List.of("-jar", BenchProcesses.jar(home, "job-service").toString()), environment, work);
	}

	private static double drainNori(NoriHome home, Path work, TestTokenIssuer issuer, int jobs, int threads,
			boolean announceSuccesses) throws Exception {
		int port = Ports.free();
		ManagedProcess service = startJobService(home, work, issuer, "jobs-" + threads, "worker", threads, port,
				announceSuccesses);
		try {
			BenchProcesses.awaitOk("http://127.0.0.1:" + port + "/api/jobs/info", null);
			ProcessHandle process = ProcessHandle.of(service.pid()).orElseThrow();
			try (Connection db = TestPostgres.connect(DATABASE)) {
				// a warm-up drain first: its JIT compilation is not the engine's cost
				drainNoriOnce(db, warmUpJobs());
				CpuUse before = CpuUse.now(process);
				Drain drain = drainNoriOnce(db, jobs);
				System.out.printf(Locale.ROOT,
						"  job-service, %d threads%s: %,.0f jobs/s; CPU per job: %s; WAL per job: %,d bytes%n", threads,
						announceSuccesses ? ", succeeded events" : "", drain.perSecond(),
						CpuUse.now(process).since(before).per(jobs, "job-service"), drain.walBytes() / jobs);
				return drain.perSecond();
			}
		}
		finally {
			service.stop(Duration.ofSeconds(20));
		}
	}

	// Autovacuum may be off where this runs (it is off where the README's numbers come
	// from), so each drain vacuums what the one before left and analyzes its jobs, as
	// autovacuum would after a bulk insert; db-scheduler's drains do the same.
	private static Drain drainNoriOnce(Connection db, int jobs) throws Exception {
		try (Statement statement = db.createStatement()) {
			db.setAutoCommit(true);
			emptyQueue(statement);
			db.setAutoCommit(false);
			statement.execute("""
					insert into jobs (id, type, queue, payload, state, run_at, max_attempts, timeout_ms,
					  created_at, updated_at)
					select %s,
					  'noop', 'default', '{}'::jsonb, 'available', now(), 5, 60000, now(), now()
					from generate_series(1, %d) as i
					""".formatted(timeOrderedId("now()", "i"), jobs));
			statement.execute("analyze jobs");
			statement.execute("notify nori_jobs");
		}
		db.commit();
		String wal = walPosition(db);
		long start = System.nanoTime();
		awaitNone(db, UNFINISHED_JOBS);
		return new Drain(jobs / ((System.nanoTime() - start) / 1e9), walSince(db, wal));
	}

	// what the run before left: its jobs and events deleted and vacuumed (autocommit)
	private static void emptyQueue(Statement statement) throws SQLException {
		statement.execute("delete from jobs");
		statement.execute("delete from eventing.outbox");
		statement.execute("vacuum jobs");
	}

	// the write-ahead log a drain wrote (not its bulk insert): what the database must
	// write and, for committed outcomes, flush
	private static String walPosition(Connection db) throws SQLException {
		try (Statement statement = db.createStatement();
				ResultSet rows = statement.executeQuery("select pg_current_wal_lsn()")) {
			rows.next();
			return rows.getString(1);
		}
	}

	private static long walSince(Connection db, String start) throws SQLException {
		try (PreparedStatement statement = db
			.prepareStatement("select pg_wal_lsn_diff(pg_current_wal_lsn(), ?::pg_lsn)")) {
			statement.setString(1, start);
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
	}

	private static int warmUpJobs() {
		return Integer.getInteger("warmUpJobs", 20_000);
	}

	private static double drainDbScheduler(int jobs, int threads) throws Exception {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(TestPostgres.jdbcUrl(DATABASE));
		config.setUsername(TestPostgres.username());
		config.setPassword(TestPostgres.password());
		config.setMaximumPoolSize(threads + 8);
		try (HikariDataSource dataSource = new HikariDataSource(config)) {
			try (Connection db = dataSource.getConnection(); Statement statement = db.createStatement()) {
				statement.execute("""
						create table if not exists scheduled_tasks (
						  task_name text not null, task_instance text not null, task_data bytea,
						  execution_time timestamp with time zone not null, picked boolean not null, picked_by text,
						  last_success timestamp with time zone, last_failure timestamp with time zone,
						  consecutive_failures int, last_heartbeat timestamp with time zone, version bigint not null,
						  priority smallint, primary key (task_name, task_instance))
						""");
				statement.execute("create index if not exists execution_time_idx on scheduled_tasks (execution_time)");
				statement.execute("create index if not exists last_heartbeat_idx on scheduled_tasks (last_heartbeat)");
				statement.execute("create index if not exists priority_execution_time_idx on scheduled_tasks "
						+ "(priority desc, execution_time asc)");
			}
			// the same warm-up as job-service's, by a scheduler of its own in this JVM
			drainDbSchedulerOnce(dataSource, warmUpJobs(), threads);
			CpuUse before = CpuUse.now(ProcessHandle.current());
			Drain drain = drainDbSchedulerOnce(dataSource, jobs, threads);
			System.out.printf(Locale.ROOT,
					"  db-scheduler, %d threads: %,.0f jobs/s; CPU per job: %s; WAL per job: %,d bytes%n", threads,
					drain.perSecond(),
					CpuUse.now(ProcessHandle.current()).since(before).per(jobs, "db-scheduler (this JVM)"),
					drain.walBytes() / jobs);
			return drain.perSecond();
		}
	}

	private static Drain drainDbSchedulerOnce(HikariDataSource dataSource, int jobs, int threads) throws Exception {
		String wal;
		try (Connection db = dataSource.getConnection(); Statement statement = db.createStatement()) {
			statement.execute("delete from scheduled_tasks");
			statement.execute("vacuum scheduled_tasks");
			statement.execute("""
					insert into scheduled_tasks (task_name, task_instance, execution_time, picked, version, priority)
					select 'noop', 'i-' || n, now(), false, 1, 0 from generate_series(1, %d) n
					""".formatted(jobs));
			statement.execute("analyze scheduled_tasks");
			wal = walPosition(db);
		}
		OneTimeTask<Void> noop = Tasks.oneTime("noop").execute((instance, context) -> {
		});
		Scheduler scheduler = Scheduler.create(dataSource, noop)
			.threads(threads)
			.pollUsingLockAndFetch(0.5, 3.0)
			.pollingInterval(Duration.ofMillis(500))
			.build();
		long start = System.nanoTime();
		scheduler.start();
		Drain drain;
		try (Connection db = dataSource.getConnection()) {
			awaitNone(db, "select exists (select 1 from scheduled_tasks)");
			drain = new Drain(jobs / ((System.nanoTime() - start) / 1e9), walSince(db, wal));
		}
		scheduler.stop();
		return drain;
	}

	private record Drain(double perSecond, long walBytes) {
	}

	// enqueue → start, from the jobs' own timestamps: created_at and started_at. Through
	// the REST API (the service runs api and worker), or over JDBC as the API's statement
	// does it (insert and commit, then a wake-up; a worker-only service): the queue's own
	// latency, without the API's cost
	private static long[] latency(NoriHome home, Path work, TestTokenIssuer issuer, int rate, Duration duration,
			boolean throughApi) throws Exception {
		int port = Ports.free();
		ManagedProcess service = startJobService(home, work, issuer, throughApi ? "jobs-latency-api" : "jobs-latency",
				throughApi ? "api,worker" : "worker", 8, port, true);
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(TestPostgres.jdbcUrl(DATABASE));
		config.setUsername(TestPostgres.username());
		config.setPassword(TestPostgres.password());
		config.setMaximumPoolSize(32);
		try (HikariDataSource enqueuers = new HikariDataSource(config)) {
			BenchProcesses.awaitOk("http://127.0.0.1:" + port + "/api/jobs/info", null);
			String authorization = "Bearer " + issuer.token()
				.claim("permissions", List.of("jobs.enqueue"))
				.expiresAt(Instant.now().plus(Duration.ofHours(1)))
				.sign();
			String body = "{\"type\":\"noop\",\"payload\":{}}";
			Semaphore inFlight = new Semaphore(32);
			double sent = 0;
			String cpu = "";
			ProcessHandle process = ProcessHandle.of(service.pid()).orElseThrow();
			// warm-up, then the measured run
			for (Duration phase : List.of(Duration.ofSeconds(Integer.getInteger("warmUpSeconds", 30)), duration)) {
				// emptied as before each drain; earlier writes are flushed now, not by a
				// checkpoint during the run
				try (Connection db = TestPostgres.connect(DATABASE); Statement statement = db.createStatement()) {
					emptyQueue(statement);
					statement.execute("checkpoint");
				}
				CpuUse before = CpuUse.now(process);
				try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
					long interval = 1_000_000_000L / rate;
					long start = System.nanoTime();
					long total = phase.toSeconds() * rate;
					for (long i = 0; i < total; i++) {
						long due = start + i * interval;
						long wait = due - System.nanoTime();
						if (wait > 0) {
							TimeUnit.NANOSECONDS.sleep(wait);
						}
						// at most 32 requests in flight, like a client with
						// a connection pool
						inFlight.acquire();
						senders.submit(() -> {
							try {
								if (throughApi) {
									TestHttp.send(
											HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/jobs"))
												.header("Content-Type", "application/json")
												.header("Authorization", authorization)
												.POST(HttpRequest.BodyPublishers.ofString(body)));
								}
								else {
									enqueueOverJdbc(enqueuers);
								}
								return null;
							}
							finally {
								inFlight.release();
							}
						});
					}
					sent = phase.toSeconds() * rate / ((System.nanoTime() - start) / 1e9);
				}
				cpu = CpuUse.now(process).since(before).per(phase.toSeconds() * rate, "job-service");
			}
			System.out.printf(Locale.ROOT, "latency run (%s): enqueues sent at %,.0f/s; CPU per job: %s%n",
					throughApi ? "REST API" : "JDBC", sent, cpu);
			try (Connection db = TestPostgres.connect(DATABASE)) {
				awaitNone(db, UNFINISHED_JOBS);
				List<Long> micros = new ArrayList<>();
				try (Statement statement = db.createStatement();
						ResultSet rows = statement
							.executeQuery("select extract(epoch from (started_at - created_at)) * 1000000 from jobs")) {
					while (rows.next()) {
						micros.add(rows.getLong(1));
					}
				}
				long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
				return new long[] { sorted[(int) (sorted.length * 0.50)], sorted[(int) (sorted.length * 0.99)] };
			}
		}
		finally {
			service.stop(Duration.ofSeconds(20));
		}
	}

	// what JobQueue.enqueue runs, created_at stamped at the insert, and the wake-up
	// QueueWakeups sends after the commit (one per job here, where the service sends one
	// for all that commit while it sends)
	private static void enqueueOverJdbc(HikariDataSource enqueuers) throws SQLException {
		try (Connection db = enqueuers.getConnection()) {
			db.setAutoCommit(false);
			try (Statement statement = db.createStatement()) {
				statement.execute("""
						insert into jobs (id, type, queue, payload, state, run_at, max_attempts, timeout_ms,
						  created_at, updated_at)
						values (%s, 'noop', 'default', '{}'::jsonb, 'available', clock_timestamp(), 5,
						  60000, clock_timestamp(), clock_timestamp())
						""".formatted(timeOrderedId("clock_timestamp()", "(random() * 67108863)::bigint")));
			}
			db.commit();
			try (Statement statement = db.createStatement()) {
				statement.execute("set local synchronous_commit = off");
				statement.execute("select pg_notify('nori_jobs', 'default')");
			}
			db.commit();
		}
	}

	// job-service's ids (TimeOrderedIds): UUID version 7, the milliseconds of the given
	// time, then a counter (26 bits here, around the version and variant bits), then
	// random bits; jobs inserted in one statement keep their order in the primary key
	private static String timeOrderedId(String time, String counter) {
		return """
				(lpad(to_hex((extract(epoch from %1$s) * 1000)::bigint), 12, '0') || '7'
				  || lpad(to_hex(%2$s >> 14), 3, '0') || to_hex(8 | ((%2$s >> 12) & 3)) || lpad(to_hex(%2$s & 4095), 3, '0')
				  || substr(md5(random()::text), 1, 12))::uuid"""
			.formatted(time, counter);
	}

	// polled every 20 ms while the engines run, so it must be cheap: the partial indexes
	// of waiting and running jobs, the first live row of db-scheduler's table
	private static void awaitNone(Connection db, String existsQuery) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
		try (Statement statement = db.createStatement()) {
			while (Instant.now().isBefore(deadline)) {
				try (ResultSet rows = statement.executeQuery(existsQuery)) {
					rows.next();
					if (!rows.getBoolean(1)) {
						return;
					}
				}
				if (!db.getAutoCommit()) {
					db.commit();
				}
				Thread.sleep(20);
			}
		}
		throw new IllegalStateException("Not done within 10 minutes: " + existsQuery);
	}

}
