package dev.nori.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Nori's stack as processes: checks PostgreSQL and Redis, starts a Kafka broker and every
 * service, waits until all are ready, and stops them again by their recorded pids.
 */
public final class Stack {

	private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);

	private static final Duration STOP_GRACE = Duration.ofSeconds(30);

	private static final int POSTGRES_PORT = 5432;

	private static final int REDIS_PORT = 6379;

	private final StackSettings settings;

	private final String internalSecret = newSecret();

	private final PrintStream out;

	private final KafkaBroker kafka;

	private final Map<ServiceSpec, ManagedProcess> services = new LinkedHashMap<>();

	private final List<ManagedProcess> workers = java.util.Collections.synchronizedList(new ArrayList<>());

	/**
	 * Describes a stack; nothing starts until {@link #start()}.
	 * @param settings where and how it runs
	 * @param out where progress is reported
	 */
	public Stack(StackSettings settings, PrintStream out) {
		this.settings = settings;
		this.out = out;
		this.kafka = new KafkaBroker(settings.home(), settings.varDirectory().resolve("kafka"), settings.runDirectory(),
				settings.logDirectory().resolve("kafka.log"), settings.kafkaPort(), settings.kafkaPort() + 1);
	}

	/**
	 * Starts everything and waits until every service is ready. On failure, stops what it
	 * started.
	 * @return how long it took
	 */
	public Duration start() {
		Instant begin = Instant.now();
		checkPrerequisites();
		checkPortsFree();
		try {
			this.out.println("starting kafka on " + this.kafka.bootstrapServers());
			this.kafka.start();
			for (ServiceSpec service : ServiceSpec.ALL) {
				this.out.println("starting " + service.name() + " on " + this.settings.port(service));
				this.services.put(service, startService(service));
			}
			awaitReady();
		}
		catch (RuntimeException ex) {
			stop();
			throw ex;
		}
		return Duration.between(begin, Instant.now());
	}

	/**
	 * Stops every process this stack started (SIGTERM, services before the broker),
	 * killing those that do not exit within the grace period.
	 * @return the names of the processes that had to be killed
	 */
	public List<String> stop() {
		List<String> killed = java.util.Collections.synchronizedList(new ArrayList<>());
		this.services.entrySet().parallelStream().forEach((entry) -> {
			if (entry.getValue().stop(STOP_GRACE)) {
				killed.add(entry.getKey().name());
			}
		});
		this.services.clear();
		this.workers.parallelStream().forEach((worker) -> {
			if (worker.stop(STOP_GRACE)) {
				killed.add(worker.name());
			}
		});
		this.workers.clear();
		this.kafka.stop();
		return List.copyOf(killed);
	}

	/**
	 * Stops the processes that an earlier launcher invocation recorded under the var
	 * folder.
	 * @param settings the stack's settings
	 * @param out where progress is reported
	 * @return how many processes were stopped
	 */
	public static int stopRecorded(StackSettings settings, PrintStream out) {
		List<String> names = new ArrayList<>(ServiceSpec.ALL.stream().map(ServiceSpec::name).toList().reversed());
		names.add("kafka");
		int stopped = 0;
		for (String name : names) {
			var recorded = ManagedProcess.recorded(name, settings.runDirectory(),
					settings.logDirectory().resolve(name + ".log"));
			if (recorded.isPresent()) {
				boolean wasAlive = recorded.get().isAlive();
				recorded.get().stop(STOP_GRACE);
				if (wasAlive) {
					out.println("stopped " + name + " (pid " + recorded.get().pid() + ")");
					stopped++;
				}
			}
		}
		return stopped;
	}

	/**
	 * Describes each recorded process: pid, port and health.
	 * @param settings the stack's settings
	 * @return one line per process
	 */
	public static List<String> status(StackSettings settings) {
		List<String> lines = new ArrayList<>();
		lines.add(String.format(Locale.ROOT, "%-22s %-8s %-6s %s", "PROCESS", "PID", "PORT", "HEALTH"));
		var kafka = ManagedProcess.recorded("kafka", settings.runDirectory(),
				settings.logDirectory().resolve("kafka.log"));
		lines.add(String.format(Locale.ROOT, "%-22s %-8s %-6d %s", "kafka",
				kafka.filter(ManagedProcess::isAlive).map((p) -> Long.toString(p.pid())).orElse("-"),
				settings.kafkaPort(), Ports.isListening(settings.kafkaPort()) ? "listening" : "down"));
		for (ServiceSpec service : ServiceSpec.ALL) {
			var process = ManagedProcess.recorded(service.name(), settings.runDirectory(),
					settings.logDirectory().resolve(service.name() + ".log"));
			int readiness = HealthProbe.readiness(settings.managementPort(service));
			lines.add(String.format(Locale.ROOT, "%-22s %-8s %-6d %s", service.name(),
					process.filter(ManagedProcess::isAlive).map((p) -> Long.toString(p.pid())).orElse("-"),
					settings.port(service), describe(readiness)));
		}
		return lines;
	}

	/**
	 * Returns the running process of a service, for fault tests.
	 * @param name the service name
	 * @return the process
	 */
	public ManagedProcess process(String name) {
		return this.services.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().name().equals(name))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No running service " + name));
	}

	/**
	 * Starts a service again after it died (a fault test killed it), with the settings it
	 * had, and waits until it is ready.
	 * @param name the service name
	 * @return the new process
	 */
	public ManagedProcess startAgain(String name) {
		ServiceSpec service = this.services.keySet()
			.stream()
			.filter((spec) -> spec.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No service " + name));
		if (this.services.get(service).isAlive()) {
			throw new IllegalStateException(name + " is still running");
		}
		ManagedProcess started = startService(service);
		this.services.put(service, started);
		Instant deadline = Instant.now().plus(READY_TIMEOUT);
		while (HealthProbe.readiness(this.settings.managementPort(service)) != 200) {
			if (!started.isAlive()) {
				throw new IllegalStateException(name + " exited at start. Last lines of " + started.logFile() + ":\n"
						+ tail(started.logFile(), 30));
			}
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException(name + " not ready within " + READY_TIMEOUT.toMinutes() + " minutes");
			}
			sleep(Duration.ofMillis(250));
		}
		return started;
	}

	/**
	 * Returns the broker.
	 * @return the Kafka broker
	 */
	public KafkaBroker kafka() {
		return this.kafka;
	}

	/**
	 * Returns the settings.
	 * @return the settings
	 */
	public StackSettings settings() {
		return this.settings;
	}

	/**
	 * Starts one more job-service process that only runs jobs (no API, ports of its own),
	 * next to a running stack; {@link #stop()} stops it with the rest.
	 * @param name the process's name, for its log and pid files
	 * @return the process
	 */
	public ManagedProcess startWorker(String name) {
		return startWorker(name, Map.of());
	}

	/**
	 * Starts one more worker-only job-service process with settings of its own.
	 * @param name the process's name, for its log and pid files
	 * @param settings environment variables that override the stack's
	 * @return the process
	 */
	public ManagedProcess startWorker(String name, Map<String, String> settings) {
		ServiceSpec jobs = ServiceSpec.ALL.stream()
			.filter((spec) -> "jobs".equals(spec.routeKey()))
			.findFirst()
			.orElseThrow();
		Map<String, String> environment = environment(jobs);
		environment.put("SERVER_PORT", "0");
		environment.put("MANAGEMENT_SERVER_PORT", "0");
		environment.put("NORI_JOBS_ROLES", "worker");
		environment.putAll(settings);
		ManagedProcess worker = launch(name, jobs, environment);
		this.workers.add(worker);
		return worker;
	}

	private ManagedProcess startService(ServiceSpec service) {
		return launch(service.name(), service, environment(service));
	}

	private Map<String, String> environment(ServiceSpec service) {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("SERVER_PORT", Integer.toString(this.settings.port(service)));
		environment.put("MANAGEMENT_SERVER_PORT", Integer.toString(this.settings.managementPort(service)));
		environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", this.kafka.bootstrapServers());
		environment.put("NORI_DB_PREFIX", this.settings.databasePrefix());
		environment.putIfAbsent("LOG_FORMAT", "json");
		// every service checks tokens against auth-service's keys
		ServiceSpec auth = ServiceSpec.ALL.stream()
			.filter((spec) -> "auth".equals(spec.routeKey()))
			.findFirst()
			.orElseThrow();
		environment.put("NORI_AUTH_URL", "http://127.0.0.1:" + this.settings.port(auth));
		// what the gateway shows auth-service when it exchanges API keys; new
		// at every start
		environment.put("NORI_INTERNAL_SECRET", this.internalSecret);
		if (service == auth) {
			environment.putAll(BootstrapAdmin.of(this.settings).environment());
		}
		if ("jobs".equals(service.routeKey())) {
			// developers receive webhooks on their own machine
			environment.put("NORI_JOBS_HTTP_ALLOWLOOPBACK", "true");
		}
		if ("notifications".equals(service.routeKey())) {
			// webhooks to the developer's machine; mail as .eml files under var/mail
			environment.put("NORI_NOTIFICATIONS_WEBHOOKS_ALLOWLOOPBACK", "true");
			environment.put("NORI_NOTIFICATIONS_MAIL_LOG_DIRECTORY",
					this.settings.varDirectory().resolve("mail").toString());
		}
		if ("search".equals(service.routeKey())) {
			environment.put("NORI_SEARCH_LUCENE_DIRECTORY", this.settings.varDirectory().resolve("search").toString());
			// rebuilds read content-service's snapshots
			ServiceSpec content = ServiceSpec.ALL.stream()
				.filter((spec) -> "content".equals(spec.routeKey()))
				.findFirst()
				.orElseThrow();
			environment.put("NORI_CONTENT_URL", "http://127.0.0.1:" + this.settings.port(content));
		}
		if ("content".equals(service.routeKey())) {
			environment.put("NORI_CONTENT_UPLOADS_DIR",
					this.settings.varDirectory().resolve("content/uploads").toString());
		}
		if (service.isGateway()) {
			for (ServiceSpec routed : ServiceSpec.ALL) {
				if (!routed.isGateway()) {
					environment.put("NORI_GATEWAY_SERVICES_" + routed.routeKey().toUpperCase(Locale.ROOT),
							"http://127.0.0.1:" + this.settings.port(routed));
				}
			}
		}
		environment.putAll(this.settings.extraEnvironment());
		return environment;
	}

	private ManagedProcess launch(String name, ServiceSpec service, Map<String, String> environment) {
		List<String> command = new ArrayList<>();
		command.add(JavaRuntime.executable());
		command.addAll(javaOptions());
		command.add("-jar");
		command.add(service.executableJar(this.settings.home()).toString());
		return ManagedProcess.start(name, command, environment, this.settings.home().root(),
				this.settings.runDirectory(), this.settings.logDirectory().resolve(name + ".log"));
	}

	// Small heaps and the C1 compiler: seven JVMs share two cores and start together.
	private static List<String> javaOptions() {
		String configured = System.getenv("NORI_JAVA_OPTS");
		if (configured != null && !configured.isBlank()) {
			return List.of(configured.trim().split("\\s+"));
		}
		return List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
	}

	private void awaitReady() {
		Instant deadline = Instant.now().plus(READY_TIMEOUT);
		List<ServiceSpec> pending = new ArrayList<>(this.services.keySet());
		while (!pending.isEmpty()) {
			for (var iterator = pending.iterator(); iterator.hasNext();) {
				ServiceSpec service = iterator.next();
				ManagedProcess process = this.services.get(service);
				if (!process.isAlive()) {
					throw new IllegalStateException(service.name() + " exited at start. Last lines of "
							+ process.logFile() + ":\n" + tail(process.logFile(), 30));
				}
				if (HealthProbe.readiness(this.settings.managementPort(service)) == 200) {
					this.out.println("ready    " + service.name());
					iterator.remove();
				}
			}
			if (!pending.isEmpty()) {
				if (Instant.now().isAfter(deadline)) {
					throw new IllegalStateException("Not ready within " + READY_TIMEOUT.toMinutes() + " minutes: "
							+ pending.stream().map(ServiceSpec::name).toList() + ". See "
							+ this.settings.logDirectory());
				}
				sleep(Duration.ofMillis(500));
			}
		}
	}

	private void checkPrerequisites() {
		List<String> missing = new ArrayList<>();
		if (!Ports.isListening(POSTGRES_PORT)) {
			missing.add("PostgreSQL is not answering on 127.0.0.1:" + POSTGRES_PORT
					+ ". Start it, for example: pg_ctlcluster <version> main start (Debian) or brew services start postgresql.");
		}
		if (!Ports.isListening(REDIS_PORT)) {
			missing.add("Redis is not answering on 127.0.0.1:" + REDIS_PORT
					+ ". Start it, for example: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save \"\"");
		}
		if (!missing.isEmpty()) {
			throw new IllegalStateException(String.join("\n", missing));
		}
	}

	private void checkPortsFree() {
		List<String> taken = new ArrayList<>();
		for (ServiceSpec service : ServiceSpec.ALL) {
			if (Ports.isListening(this.settings.port(service))) {
				taken.add("port " + this.settings.port(service) + " (" + service.name() + ")");
			}
			if (Ports.isListening(this.settings.managementPort(service))) {
				taken.add("port " + this.settings.managementPort(service) + " (" + service.name() + " management)");
			}
		}
		if (Ports.isListening(this.settings.kafkaPort())) {
			taken.add("port " + this.settings.kafkaPort() + " (kafka)");
		}
		if (Ports.isListening(this.settings.kafkaPort() + 1)) {
			taken.add("port " + (this.settings.kafkaPort() + 1) + " (kafka controller)");
		}
		if (!taken.isEmpty()) {
			throw new IllegalStateException("Already in use: " + String.join(", ", taken)
					+ ". Is a stack running already? ./nori status shows it, ./nori down stops it.");
		}
	}

	private static String describe(int readiness) {
		return switch (readiness) {
			case 0 -> "down";
			case 200 -> "ready";
			case 503 -> "not ready (503)";
			default -> "answered " + readiness;
		};
	}

	static String tail(Path file, int lines) {
		try {
			List<String> all = Files.readAllLines(file);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(cannot read " + file + ")";
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private static String newSecret() {
		byte[] bytes = new byte[32];
		new java.security.SecureRandom().nextBytes(bytes);
		return java.util.HexFormat.of().formatHex(bytes);
	}

}
