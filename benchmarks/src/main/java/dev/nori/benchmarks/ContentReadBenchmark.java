package dev.nori.benchmarks;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.nori.launcher.ManagedProcess;
import dev.nori.launcher.NoriHome;
import dev.nori.launcher.Ports;
import dev.nori.testsupport.TestHttp;
import dev.nori.testsupport.TestKafka;
import dev.nori.testsupport.TestPostgres;
import dev.nori.testsupport.TestTokenIssuer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * content-service's reads: a published article by slug from two instances over the same
 * database, one caching in Redis and one not (throughput ratio, alternating rounds), and
 * the descendants of a 10,000-category tree ten levels deep (p50/p99 of the endpoint and
 * of its recursive query alone).
 */
public final class ContentReadBenchmark {

	private static final String DATABASE = "nori_bench_content";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ContentReadBenchmark() {
	}

	/**
	 * Runs the benchmark.
	 * @param args unused
	 */
	public static void main(String[] args) {
		BenchmarkRun.exitOnFailure(ContentReadBenchmark::run);
	}

	private static void run() throws Exception {
		Duration measure = Duration.ofSeconds(Integer.getInteger("seconds", 10));
		Duration warmup = Duration.ofSeconds(Integer.getInteger("warmup", 30));
		int connections = Integer.getInteger("connections", 32);
		int roundCount = Integer.getInteger("rounds", 3);
		int treeReads = Integer.getInteger("treeReads", 200);
		NoriHome home = NoriHome.locate();
		Path work = Files.createDirectories(home.var().resolve("bench/content"));
		boolean pinned = BenchProcesses.canPin();
		System.out.printf(Locale.ROOT,
				"content reads: %d connections, %d s warm-up, %d rounds of %d s, services on CPU 0, %s%n", connections,
				warmup.toSeconds(), roundCount, measure.toSeconds(),
				pinned ? "load generator on the other CPU(s)" : "taskset missing: unpinned");
		try (Connection admin = TestPostgres.connect("postgres"); Statement statement = admin.createStatement()) {
			statement.execute("drop database if exists " + DATABASE + " with (force)");
		}

		TestTokenIssuer issuer = TestTokenIssuer.start("https://bench.test/api/auth");
		String editor = "Bearer " + issuer.token()
			.claim("permissions", List.of("articles.create", "articles.publish", "categories.manage"))
			.expiresAt(Instant.now().plus(Duration.ofHours(2)))
			.sign();
		List<ManagedProcess> started = new ArrayList<>();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> started.forEach((p) -> p.stop(Duration.ofSeconds(10)))));
		Map<String, String> urls = new LinkedHashMap<>();
		for (String store : List.of("redis", "none")) {
			int port = Ports.free();
			started.add(BenchProcesses.start("content-" + store, pinned, "0",
					List.of("-jar", BenchProcesses.jar(home, "content-service").toString()),
					Map.ofEntries(Map.entry("SERVER_PORT", Integer.toString(port)),
							Map.entry("MANAGEMENT_SERVER_PORT", Integer.toString(Ports.free())),
							Map.entry("NORI_KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers()),
							Map.entry("NORI_DB_PREFIX", "nori_bench_"), Map.entry("LOG_LEVEL", "WARN"),
							Map.entry("NORI_CONTENT_CACHE_STORE", store),
							Map.entry("NORI_CONTENT_CATEGORIES_MAXDEPTH", "10"),
							Map.entry("NORI_CONTENT_STORAGE_LOCALROOT", work.resolve("uploads").toString()),
							Map.entry("NORI_SERVICE_SECURITY_ISSUER", issuer.issuer()),
							Map.entry("NORI_SERVICE_SECURITY_JWKSURI", issuer.jwksUri().toString())),
					work));
			urls.put(store, "http://127.0.0.1:" + port);
			// one at a time: both would migrate the same new database
			BenchProcesses.awaitOk(urls.get(store) + "/api/content/info", null);
		}

		String slug = publishArticle(urls.get("redis"), editor);
		Map<String, String> targets = new LinkedHashMap<>();
		targets.put("cached (Redis)", urls.get("redis") + "/api/content/articles/" + slug);
		targets.put("uncached", urls.get("none") + "/api/content/articles/" + slug);
		LoadGenerator load = new LoadGenerator(connections);
		for (Map.Entry<String, String> target : targets.entrySet()) {
			System.out.printf(Locale.ROOT, "warming up (%s)%n", target.getKey());
			load.run(target.getValue(), null, warmup);
		}
		Map<String, List<LoadGenerator.Result>> rounds = new LinkedHashMap<>();
		for (int round = 1; round <= roundCount; round++) {
			for (Map.Entry<String, String> target : targets.entrySet()) {
				LoadGenerator.Result result = load.run(target.getValue(), null, measure);
				rounds.computeIfAbsent(target.getKey(), (key) -> new ArrayList<>()).add(result);
				System.out.printf(Locale.ROOT, "round %d  %-16s %s%n", round, target.getKey(), result.describe());
			}
		}
		LoadGenerator.Result cached = LoadGenerator.Result.median(rounds.get("cached (Redis)"));
		LoadGenerator.Result uncached = LoadGenerator.Result.median(rounds.get("uncached"));
		System.out.printf(Locale.ROOT,
				"%nGET a published article, median of %d rounds:%n  cached   %s%n  uncached %s%n", roundCount,
				cached.describe(), uncached.describe());
		System.out.printf(Locale.ROOT, "  cached / uncached throughput: %.2fx%n",
				cached.perSecond() / uncached.perSecond());

		UUID root = buildTree();
		String treeUrl = urls.get("none") + "/api/content/categories/" + root + "/descendants";
		long[] endpoint = new long[treeReads];
		int nodes = 0;
		for (int i = -20; i < treeReads; i++) {
			long start = System.nanoTime();
			HttpResponse<String> response = TestHttp.send(HttpRequest.newBuilder(URI.create(treeUrl)));
			long took = System.nanoTime() - start;
			if (response.statusCode() != 200) {
				throw new IllegalStateException("descendants answered " + response.statusCode());
			}
			if (i >= 0) {
				endpoint[i] = took;
			}
			nodes = JSON.readTree(response.body()).size();
		}
		long[] query = recursiveQueryTimes(root, treeReads);
		System.out.printf(Locale.ROOT, "%ndescendants of a 10,000-category tree ten levels deep (%d nodes listed, "
				+ "with subtree article counts), %d sequential reads:%n", nodes, treeReads);
		System.out.printf(Locale.ROOT, "  GET .../descendants  p50 %.2f ms  p99 %.2f ms%n", percentile(endpoint, 50),
				percentile(endpoint, 99));
		System.out.printf(Locale.ROOT, "  recursive CTE alone  p50 %.2f ms  p99 %.2f ms%n", percentile(query, 50),
				percentile(query, 99));
		started.forEach((process) -> process.stop(Duration.ofSeconds(10)));
		started.clear();
		issuer.close();
		System.exit(0);
	}

	private static String publishArticle(String base, String editor) {
		String body = "## A benchmark article\n\n" + "Some *Markdown* with [a link](https://example.org). ".repeat(80);
		HttpResponse<String> created = TestHttp.send(TestHttp.post(URI.create(base).getPort(), "/api/content/articles",
				JSON.writeValueAsString(Map.of("title", "Benchmark article", "summary", "Read many times.", "body",
						body, "tags", List.of("bench", "cache"))))
			.header("Authorization", editor));
		if (created.statusCode() != 201) {
			throw new IllegalStateException("creating the article answered " + created.statusCode() + created.body());
		}
		JsonNode article = JSON.readTree(created.body());
		HttpResponse<String> published = TestHttp.send(HttpRequest
			.newBuilder(URI.create(base + "/api/content/articles/" + article.get("id").asString() + "/publish"))
			.header("Authorization", editor)
			.POST(HttpRequest.BodyPublishers.noBody()));
		if (published.statusCode() != 200) {
			throw new IllegalStateException("publishing answered " + published.statusCode());
		}
		return article.get("slug").asString();
	}

	/** Levels 1–9 branch three ways (9,841 nodes); level 10 holds the remaining 159. */
	private static UUID buildTree() throws SQLException {
		List<UUID> ids = new ArrayList<>();
		List<Integer> parents = new ArrayList<>();
		List<Integer> previousLevel = new ArrayList<>();
		UUID root = UUID.randomUUID();
		ids.add(root);
		parents.add(-1);
		previousLevel.add(0);
		int total = 10_000;
		for (int level = 2; level <= 10 && ids.size() < total; level++) {
			List<Integer> current = new ArrayList<>();
			for (int parent : previousLevel) {
				for (int child = 0; child < 3 && ids.size() < total; child++) {
					ids.add(UUID.randomUUID());
					parents.add(parent);
					current.add(ids.size() - 1);
				}
			}
			previousLevel = current;
		}
		try (Connection db = TestPostgres.connect(DATABASE)) {
			db.setAutoCommit(false);
			try (PreparedStatement insert = db.prepareStatement(
					"insert into categories (id, parent_id, name, slug, created_at, updated_at) values (?, ?, ?, ?, ?, ?)")) {
				Timestamp now = Timestamp.from(Instant.now());
				for (int i = 0; i < ids.size(); i++) {
					insert.setObject(1, ids.get(i));
					insert.setObject(2, (parents.get(i) >= 0) ? ids.get(parents.get(i)) : null);
					insert.setString(3, "Category " + i);
					insert.setString(4, "bench-category-" + i);
					insert.setTimestamp(5, now);
					insert.setTimestamp(6, now);
					insert.addBatch();
				}
				insert.executeBatch();
			}
			db.commit();
			try (Statement analyze = db.createStatement()) {
				analyze.execute("analyze categories");
			}
		}
		return root;
	}

	// the subtree walk the endpoint runs, without counts, JSON or HTTP
	private static long[] recursiveQueryTimes(UUID root, int reads) throws SQLException {
		long[] times = new long[reads];
		try (Connection db = TestPostgres.connect(DATABASE); PreparedStatement walk = db.prepareStatement("""
				with recursive down as (
				  select id, 0 as depth from categories where id = ?
				  union all
				  select c.id, d.depth + 1 from categories c join down d on c.parent_id = d.id where d.depth < 100
				)
				select count(*) from down
				""")) {
			for (int i = -20; i < reads; i++) {
				long start = System.nanoTime();
				walk.setObject(1, root);
				try (var rs = walk.executeQuery()) {
					rs.next();
				}
				if (i >= 0) {
					times[i] = System.nanoTime() - start;
				}
			}
		}
		return times;
	}

	private static double percentile(long[] samples, double percentile) {
		long[] sorted = samples.clone();
		Arrays.sort(sorted);
		int index = (int) Math.ceil(percentile / 100 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
	}

}
