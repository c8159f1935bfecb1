package dev.nori.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.nori.launcher.ManagedProcess;
import dev.nori.launcher.NoriHome;
import dev.nori.launcher.Ports;
import dev.nori.testsupport.TestKafka;
import dev.nori.testsupport.TestTokenIssuer;

/**
 * What the gateway costs per request, rung by rung, all measured in one run: an
 * authenticated GET of content-service's {@code /api/content/info} (answered from memory)
 * (a) straight from the service, (b) through plain Spring Cloud Gateway routing, then
 * through Nori's gateway with (c) request ids, CORS, security headers, body limits,
 * breaker and retry, (d) + JWT checks, (e) + the revocation check in Redis, (f) + the
 * Redis rate limit. Service and gateways run on CPU 0, this load generator on CPU 1
 * ({@code taskset}); every gateway is started at once and warmed up, then the rungs are
 * measured in short alternating rounds; reported are the median round of each rung, the
 * median of the rounds' own ratios (rungs of one round share the machine's speed of the
 * moment) and the CPU time each request cost the gateway. Ratios are what to compare
 * across machines.
 *
 * <p>
 * Settings (system properties): {@code seconds} per rung and round (5), {@code rounds}
 * (9), {@code warmup} seconds per rung (90), {@code connections} (32), {@code serverCpus}
 * ("0"), {@code rungs} to run after (a) ("b,c,d,e,f"), {@code gatewayOptions} (JVM
 * options of every gateway, e.g. JFR with {@code %p} in the file name); for an A/B,
 * {@code baselineJar} (another build's gateway jar) and {@code baselineOptions} (other
 * JVM options): the full chain so started is measured as rung f0 beside f, and their
 * ratio printed.
 */
public final class GatewayOverheadBenchmark {

	private static final String PATH = "/api/content/info";

	private static final Map<String, String> NAMES = Map.of("a", "service directly", "b", "plain Spring Cloud Gateway",
			"c", "Nori gateway: request id, CORS, headers, limits, breaker", "d", "+ JWT", "e", "+ revocation (Redis)",
			"f", "+ rate limit (Redis)", "f0", "(f) as -DbaselineJar/-DbaselineOptions say");

	private GatewayOverheadBenchmark() {
	}

	/**
	 * Runs the benchmark.
	 * @param args unused
	 * @throws Exception when a process cannot be started
	 */
	public static void main(String[] args) {
		try {
			run();
		}
		catch (Exception ex) {
			// the servers' watcher threads would keep the JVM alive: end it, and them
			ex.printStackTrace();
			System.exit(1);
		}
	}

	private static void run() throws Exception {
		Duration measure = Duration.ofSeconds(Integer.getInteger("seconds", 5));
		Duration warmup = Duration.ofSeconds(Integer.getInteger("warmup", 90));
		int connections = Integer.getInteger("connections", 32);
		int roundCount = Integer.getInteger("rounds", 9);
		String serverCpus = System.getProperty("serverCpus", "0");
		NoriHome home = NoriHome.locate();
		Path work = Files.createDirectories(home.var().resolve("bench/gateway"));
		boolean pinned = BenchProcesses.canPin();
		System.out.printf(Locale.ROOT,
				"gateway overhead: GET %s, %d connections, %d s warm-up per rung, %d rounds of %d s, servers on CPU %s, %s%n",
				PATH, connections, warmup.toSeconds(), roundCount, measure.toSeconds(), serverCpus,
				pinned ? "load generator on the other CPU(s) (start this JVM with taskset)"
						: "taskset missing: unpinned");

		TestTokenIssuer issuer = TestTokenIssuer.start("https://bench.test/api/auth");
		String authorization = "Bearer " + issuer.token().expiresAt(Instant.now().plus(Duration.ofHours(2))).sign();
		LoadGenerator load = new LoadGenerator(connections);
		List<ManagedProcess> started = new ArrayList<>();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> started.forEach((p) -> p.stop(Duration.ofSeconds(10)))));

		int servicePort = Ports.free();
		ManagedProcess service = BenchProcesses.start("content-service", pinned, serverCpus,
				List.of("-jar", BenchProcesses.jar(home, "content-service").toString()),
				Map.of("SERVER_PORT", Integer.toString(servicePort), "MANAGEMENT_SERVER_PORT",
						Integer.toString(Ports.free()), "NORI_KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers(),
						"NORI_DB_PREFIX", "nori_bench_", "LOG_LEVEL", "WARN",
						// the service checks the token itself, as every Nori service does
						"NORI_SERVICE_SECURITY_ISSUER", issuer.issuer(), "NORI_SERVICE_SECURITY_JWKSURI",
						issuer.jwksUri().toString()),
				work);
		started.add(service);
		BenchProcesses.awaitOk("http://127.0.0.1:" + servicePort + PATH, null);

		String serviceUri = "http://127.0.0.1:" + servicePort;
		Path gatewayJar = BenchProcesses.jar(home, "gateway");
		Map<String, Map<String, String>> rungs = new LinkedHashMap<>();
		rungs.put("b",
				Map.of("SPRING_CLOUD_GATEWAY_SERVER_WEBFLUX_ROUTES_0_ID", "content",
						"SPRING_CLOUD_GATEWAY_SERVER_WEBFLUX_ROUTES_0_URI", serviceUri,
						"SPRING_CLOUD_GATEWAY_SERVER_WEBFLUX_ROUTES_0_PREDICATES_0", "Path=/api/content/**"));
		Map<String, String> nori = new LinkedHashMap<>(
				Map.of("NORI_GATEWAY_SERVICES_CONTENT", serviceUri, "NORI_GATEWAY_IDENTITY_ISSUERS_NORI_ISSUER",
						issuer.issuer(), "NORI_GATEWAY_IDENTITY_ISSUERS_NORI_JWKSURI", issuer.jwksUri().toString(),
						"NORI_GATEWAY_RATELIMIT_ENABLED", "false", "NORI_GATEWAY_IDENTITY_REVOCATION_ENABLED", "false",
						"NORI_GATEWAY_IDENTITY_PUBLICROUTES", "/api/**"));
		rungs.put("c", Map.copyOf(nori));
		nori.put("NORI_GATEWAY_IDENTITY_PUBLICROUTES", "GET /nothing/public");
		rungs.put("d", Map.copyOf(nori));
		nori.put("NORI_GATEWAY_IDENTITY_REVOCATION_ENABLED", "true");
		rungs.put("e", Map.copyOf(nori));
		nori.put("NORI_GATEWAY_RATELIMIT_ENABLED", "true");
		// every request is charged, none refused
		nori.put("NORI_GATEWAY_RATELIMIT_DEFAULTS_PATTERN", "/**");
		nori.put("NORI_GATEWAY_RATELIMIT_DEFAULTS_CAPACITY", "100000000");
		nori.put("NORI_GATEWAY_RATELIMIT_DEFAULTS_PERSECOND", "100000000");
		rungs.put("f", Map.copyOf(nori));
		rungs.keySet().retainAll(List.of(System.getProperty("rungs", "b,c,d,e,f").split(",")));
		// an A/B: the full chain of another gateway jar, or with other
		// JVM options, measured alongside
		String baselineJar = System.getProperty("baselineJar", gatewayJar.toString());
		String baselineOptions = System.getProperty("baselineOptions", System.getProperty("gatewayOptions", ""));
		if (System.getProperty("baselineJar") != null || System.getProperty("baselineOptions") != null) {
			rungs.put("f0", Map.copyOf(nori));
		}

		// every gateway runs at once (idle while another is measured), so that rounds can
		// alternate between them and drift on a noisy machine hits all alike
		Map<String, String> urls = new LinkedHashMap<>();
		urls.put("a", serviceUri + PATH);
		// the process whose CPU time a rung costs: the service for (a), the gateway else
		Map<String, ManagedProcess> proxies = new LinkedHashMap<>();
		proxies.put("a", service);
		for (Map.Entry<String, Map<String, String>> rung : rungs.entrySet()) {
			int port = Ports.free();
			Map<String, String> environment = new LinkedHashMap<>(rung.getValue());
			environment.put("SERVER_PORT", Integer.toString(port));
			environment.put("MANAGEMENT_SERVER_PORT", Integer.toString(Ports.free()));
			environment.put("LOG_LEVEL", "WARN");
			environment.put("JAVA_TOOL_OPTIONS",
					rung.getKey().equals("f0") ? baselineOptions : System.getProperty("gatewayOptions", ""));
			List<String> command = rung.getKey().equals("b")
					? List.of("-cp", gatewayJar.toString(),
							"-Dloader.main=dev.nori.benchmarks.plaingateway.PlainGateway",
							"-Dloader.path=" + home.root().resolve("benchmarks/target/classes"),
							"org.springframework.boot.loader.launch.PropertiesLauncher")
					: List.of("-jar", rung.getKey().equals("f0") ? baselineJar : gatewayJar.toString());
			ManagedProcess gateway = BenchProcesses.start("gateway-" + rung.getKey(), pinned, serverCpus, command,
					environment, work);
			started.add(gateway);
			proxies.put(rung.getKey(), gateway);
			urls.put(rung.getKey(), "http://127.0.0.1:" + port + PATH);
		}
		for (String url : urls.values()) {
			BenchProcesses.awaitOk(url, authorization);
		}
		for (Map.Entry<String, String> target : urls.entrySet()) {
			System.out.printf(Locale.ROOT, "warming up (%s)%n", target.getKey());
			load.run(target.getValue(), authorization, warmup);
		}
		Map<String, List<LoadGenerator.Result>> rounds = new LinkedHashMap<>();
		Map<String, List<Double>> cpuPerRequest = new LinkedHashMap<>();
		for (int round = 1; round <= roundCount; round++) {
			for (Map.Entry<String, String> target : urls.entrySet()) {
				Duration proxyBefore = BenchProcesses.cpuTime(proxies.get(target.getKey()));
				Duration serviceBefore = BenchProcesses.cpuTime(service);
				LoadGenerator.Result result = load.run(target.getValue(), authorization, measure);
				long proxyMicros = BenchProcesses.cpuTime(proxies.get(target.getKey())).minus(proxyBefore).toNanos()
						/ 1000;
				long serviceMicros = BenchProcesses.cpuTime(service).minus(serviceBefore).toNanos() / 1000;
				rounds.computeIfAbsent(target.getKey(), (key) -> new ArrayList<>()).add(result);
				cpuPerRequest.computeIfAbsent(target.getKey(), (key) -> new ArrayList<>())
					.add((double) proxyMicros / Math.max(1, result.requests()));
				report("round " + round + " (" + target.getKey() + ")", NAMES.get(target.getKey()), result);
				System.out.printf(Locale.ROOT, "%-12s CPU per request: %s%n", "",
						target.getKey().equals("a")
								? String.format(Locale.ROOT, "service %.0f us",
										(double) serviceMicros / Math.max(1, result.requests()))
								: String.format(Locale.ROOT, "gateway %.0f us, service %.0f us",
										(double) proxyMicros / Math.max(1, result.requests()),
										(double) serviceMicros / Math.max(1, result.requests())));
			}
		}
		started.forEach((process) -> process.stop(Duration.ofSeconds(10)));
		started.clear();
		issuer.close();

		System.out.println();
		System.out.println("median of " + roundCount + " rounds:");
		Map<String, LoadGenerator.Result> results = new LinkedHashMap<>();
		rounds.forEach((key, list) -> {
			results.put(key, LoadGenerator.Result.median(list));
			report("(" + key + ")", NAMES.get(key), results.get(key));
		});
		if (results.containsKey("f0") && results.containsKey("f")) {
			System.out.printf(Locale.ROOT,
					"this build and settings against the baseline: f/f0 %.2f (rounds' own ratios); gateway CPU per request"
							+ " f %.0f us, f0 %.0f us (median of rounds)%n",
					pairedRatio(rounds.get("f"), rounds.get("f0")), median(cpuPerRequest.get("f")),
					median(cpuPerRequest.get("f0")));
		}
		if (!results.keySet().containsAll(List.of("a", "b", "c", "d", "e", "f"))) {
			System.exit(0);
		}
		System.out.println();
		System.out.println("ratios (throughput; p50 and p99 latency):");
		ratio("b / a  plain routing vs direct", results.get("b"), results.get("a"));
		for (String rung : List.of("c", "d", "e", "f")) {
			ratio(rung + " / b  vs plain routing", results.get(rung), results.get("b"));
		}
		ratio("f / a  full chain vs direct", results.get("f"), results.get("a"));
		// steal time and neighbours move throughput far more than the CPU a request costs
		double plainCpu = median(cpuPerRequest.get("b"));
		System.out.printf(Locale.ROOT, "gateway CPU per request (median of rounds): plain %.0f us", plainCpu);
		for (String rung : List.of("c", "d", "e", "f")) {
			System.out.printf(Locale.ROOT, ", %s %.0f us (b/%s %.2f)", rung, median(cpuPerRequest.get(rung)), rung,
					plainCpu / median(cpuPerRequest.get(rung)));
		}
		System.out.println();
		// Each round measures every rung within a minute or so: the ratio of two rungs in
		// the same round is spared the slow drifts of this machine's speed that separate
		// medians taken over different rounds are not.
		double fb = pairedRatio(rounds.get("f"), rounds.get("b"));
		double fa = pairedRatio(rounds.get("f"), rounds.get("a"));
		System.out.printf(Locale.ROOT,
				"median of the rounds' own ratios: c/b %.2f, d/b %.2f, e/b %.2f, f/b %.2f, f/a %.2f%n",
				pairedRatio(rounds.get("c"), rounds.get("b")), pairedRatio(rounds.get("d"), rounds.get("b")),
				pairedRatio(rounds.get("e"), rounds.get("b")), fb, fa);
		System.out.printf(Locale.ROOT,
				"targets (rounds' own ratios): f/b >= 0.90 -> %s; f/a >= 0.25 -> %s%n"
						+ "targets (median rounds):     f/b >= 0.90 -> %s; f/a >= 0.25 -> %s%n",
				verdict(fb >= 0.90), verdict(fa >= 0.25),
				verdict(results.get("f").perSecond() / results.get("b").perSecond() >= 0.90),
				verdict(results.get("f").perSecond() / results.get("a").perSecond() >= 0.25));
		System.exit(0);
	}

	private static double pairedRatio(List<LoadGenerator.Result> values, List<LoadGenerator.Result> baselines) {
		List<Double> ratios = new ArrayList<>();
		for (int round = 0; round < values.size(); round++) {
			ratios.add(values.get(round).perSecond() / baselines.get(round).perSecond());
		}
		return median(ratios);
	}

	private static double median(List<Double> values) {
		return values.stream().sorted().toList().get(values.size() / 2);
	}

	private static void report(String rung, String name, LoadGenerator.Result result) {
		System.out.printf(Locale.ROOT, "%-12s %-58s %s%n", rung, name, result.describe());
	}

	private static void ratio(String label, LoadGenerator.Result value, LoadGenerator.Result baseline) {
		System.out.printf(Locale.ROOT, "  %-34s %.2fx   p50 %+.2f ms   p99 %+.2f ms%n", label,
				value.perSecond() / baseline.perSecond(), (value.p50() - baseline.p50()) / 1e6,
				(value.p99() - baseline.p99()) / 1e6);
	}

	private static String verdict(boolean met) {
		return met ? "met" : "NOT met";
	}

}
