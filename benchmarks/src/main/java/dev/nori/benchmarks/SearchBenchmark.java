package dev.nori.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.nori.contracts.content.ArticleEvents;
import dev.nori.contracts.content.ArticleSnapshot;
import dev.nori.launcher.ManagedProcess;
import dev.nori.launcher.NoriHome;
import dev.nori.launcher.Ports;
import dev.nori.search.content.ContentIndex;
import dev.nori.search.engine.QueryText;
import dev.nori.search.engine.SearchQuery;
import dev.nori.search.lucene.LuceneEngine;
import dev.nori.search.lucene.LuceneProperties;
import dev.nori.testsupport.TestEvents;
import dev.nori.testsupport.TestKafka;
import dev.nori.testsupport.TestPostgres;
import tools.jackson.databind.json.JsonMapper;

/**
 * search-service's Lucene engine: indexing 100,000 generated articles of about 1 KB
 * (documents/s), queries at 1 and 8 concurrent clients (p50/p99, facets and highlights
 * included), and write → searchable through Kafka at 200 articles/s into a running
 * search-service (p50/p99 of a sample, polled through its API). Each figure is printed
 * against its target.
 */
public final class SearchBenchmark {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String[] WORDS = vocabulary(5000);

	private static final long POLL_MILLIS = Long.getLong("pollMillis", 20);

	private SearchBenchmark() {
	}

	/**
	 * Runs the benchmark.
	 * @param args unused
	 */
	public static void main(String[] args) {
		BenchmarkRun.exitOnFailure(SearchBenchmark::run);
	}

	private static void run() throws Exception {
		int documents = Integer.getInteger("documents", 100_000);
		Duration queryTime = Duration.ofSeconds(Integer.getInteger("seconds", 10));
		int rate = Integer.getInteger("rate", 200);
		Duration writeTime = Duration.ofSeconds(Integer.getInteger("writeSeconds", 20));
		NoriHome home = NoriHome.locate();
		Path work = home.var().resolve("bench/search");
		deleteTree(work);
		Files.createDirectories(work);
		System.out.printf(Locale.ROOT, "search: %,d documents of ~1 KB, queries %d s per client count, %d articles/s"
				+ " for %d s through Kafka%n", documents, queryTime.toSeconds(), rate, writeTime.toSeconds());

		try (LuceneEngine engine = new LuceneEngine(
				new LuceneProperties(work.resolve("engine"), "english", Duration.ofMillis(100), Duration.ofSeconds(5),
						Integer.getInteger("maxConcurrentSearches", 0), Duration.ofSeconds(30)),
				JSON)) {
			engine.ensureIndex(ContentIndex.INDEX, ContentIndex.SCHEMA);
			Random random = new Random(42);
			long start = System.nanoTime();
			for (int i = 0; i < documents; i++) {
				ArticleSnapshot article = article(random, UUID.randomUUID());
				engine.upsert(ContentIndex.INDEX, article.articleId().toString(), ContentIndex.document(article));
			}
			engine.flush();
			engine.refreshAll();
			double seconds = (System.nanoTime() - start) / 1e9;
			double perSecond = documents / seconds;
			System.out.printf(Locale.ROOT,
					"indexing: %,d documents in %.1f s = %,.0f docs/s (target >= 5,000: %.2fx)%n", documents, seconds,
					perSecond, perSecond / 5000);
			for (int clients : new int[] { 1, 8 }) {
				queries(engine, clients, Duration.ofSeconds(3));
				long[] sorted = queries(engine, clients, queryTime);
				System.out.printf(Locale.ROOT,
						"queries, %d client(s): %,d queries, %,.0f/s, p50 %.2f ms, p99 %.2f ms (target p99 <= 20 ms: %s)%n",
						clients, sorted.length, sorted.length / (double) queryTime.toSeconds(),
						ms(percentile(sorted, 50)), ms(percentile(sorted, 99)),
						(percentile(sorted, 99) <= 20_000_000) ? "met" : "missed");
			}
		}
		if (!writeTime.isZero()) {
			writeToSearchable(home, work, rate, writeTime);
		}
		System.exit(0);
	}

	private static long[] queries(LuceneEngine engine, int clients, Duration time) throws InterruptedException {
		ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
		long end = System.nanoTime() + time.toNanos();
		CountDownLatch done = new CountDownLatch(clients);
		for (int c = 0; c < clients; c++) {
			Random random = new Random(c);
			Thread.ofPlatform().start(() -> {
				try {
					while (System.nanoTime() < end) {
						String q = WORDS[zipf(random)] + ((random.nextBoolean()) ? " " + WORDS[zipf(random)] : "");
						QueryText text = QueryText.parse(q);
						long started = System.nanoTime();
						engine.search(ContentIndex.INDEX,
								new SearchQuery(text.terms(), text.phrases(), Map.of(), null, null, false, 0, 20));
						latencies.add(System.nanoTime() - started);
					}
				}
				finally {
					done.countDown();
				}
			});
		}
		done.await();
		return latencies.stream().mapToLong(Long::longValue).sorted().toArray();
	}

	private static void writeToSearchable(NoriHome home, Path work, int rate, Duration time) throws Exception {
		try (Connection admin = TestPostgres.connect("postgres"); Statement statement = admin.createStatement()) {
			statement.execute("drop database if exists nori_bench_search with (force)");
		}
		int port = Ports.free();
		int managementPort = Ports.free();
		ManagedProcess service = BenchProcesses.start("search", false, "0",
				List.of("-jar", BenchProcesses.jar(home, "search-service").toString()),
				Map.ofEntries(Map.entry("SERVER_PORT", Integer.toString(port)),
						Map.entry("MANAGEMENT_SERVER_PORT", Integer.toString(managementPort)),
						Map.entry("NORI_KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers()),
						Map.entry("NORI_DB_PREFIX", "nori_bench_"), Map.entry("LOG_LEVEL", "WARN"),
						Map.entry("NORI_SEARCH_LUCENE_DIRECTORY", work.resolve("service").toString()),
						Map.entry("JAVA_TOOL_OPTIONS", System.getProperty("serviceOptions", "")),
						Map.entry("NORI_SEARCH_LUCENE_REFRESH_INTERVAL",
								System.getProperty("refreshInterval", "100ms")),
						Map.entry("NORI_SEARCH_DURABILITY_COMMIT_INTERVAL",
								System.getProperty("commitInterval", "1s"))),
				work);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> service.stop(Duration.ofSeconds(10))));
		String base = "http://127.0.0.1:" + port;
		BenchProcesses.awaitOk(base + "/api/search/info", null);
		HttpClient client = HttpClient.newHttpClient();
		Random random = new Random(7);
		Map<String, Long> published = new ConcurrentHashMap<>();
		Map<String, Long> found = new ConcurrentHashMap<>();
		try (TestEvents events = new TestEvents()) {
			// the consumer joins and the topic exists before measuring
			ArticleSnapshot first = article(random, UUID.randomUUID());
			published.put(first.articleId().toString(), System.nanoTime());
			events.publish(UUID.randomUUID(), ArticleEvents.PUBLISHED, first.articleId().toString(), first);
			long warm = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (!found.containsKey(first.articleId().toString()) && System.nanoTime() < warm) {
				poll(client, base, published, found);
				Thread.sleep(POLL_MILLIS);
			}
			published.clear();
			found.clear();
			// a service that has run a while: its code compiled, its heap sized
			Duration warmUp = Duration.ofSeconds(Integer.getInteger("warmSeconds", 20));
			publishAndPoll(client, base, events, random, rate, warmUp, new ConcurrentHashMap<>(),
					new ConcurrentHashMap<>());
			publishAndPoll(client, base, events, random, rate, time, published, found);
		}
		long[] sorted = found.entrySet()
			.stream()
			.mapToLong((entry) -> entry.getValue() - published.get(entry.getKey()))
			.sorted()
			.toArray();
		System.out.printf(Locale.ROOT,
				"write -> searchable at %d/s: %d articles, %d not found within 10 s after the last, p50 %.1f ms,"
						+ " p99 %.1f ms, max %.1f ms (target p99 <= 500 ms: %s; one poller, newest first, every %d ms)%n",
				rate, published.size(), published.size() - sorted.length, ms(percentile(sorted, 50)),
				ms(percentile(sorted, 99)), ms((sorted.length > 0) ? sorted[sorted.length - 1] : 0),
				(percentile(sorted, 99) <= 500_000_000L) ? "met" : "missed", POLL_MILLIS);
		// the service's own view, without the poller's share: event time to the batch's
		// commit, over the last minute or two (warm-up included)
		HttpResponse<String> metrics = client
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
				.build(), HttpResponse.BodyHandlers.ofString());
		metrics.body()
			.lines()
			.filter((line) -> line.startsWith("nori_search_index_delay_seconds{") && line.contains("quantile"))
			.forEach((line) -> System.out.println("  service: " + line));
		service.stop(Duration.ofSeconds(10));
	}

	// one poller at a steady rate, however far indexing lags: pollers per article
	// loaded the service they measured, more the slower it got
	private static void publishAndPoll(HttpClient client, String base, TestEvents events, Random random, int rate,
			Duration time, Map<String, Long> published, Map<String, Long> found) throws InterruptedException {
		AtomicBoolean publishing = new AtomicBoolean(true);
		Thread poller = Thread.ofPlatform().start(() -> {
			long deadline = Long.MAX_VALUE;
			while (System.nanoTime() < deadline && (publishing.get() || found.size() < published.size())) {
				if (!publishing.get() && deadline == Long.MAX_VALUE) {
					deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
				}
				poll(client, base, published, found);
				try {
					Thread.sleep(POLL_MILLIS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		});
		long interval = 1_000_000_000L / rate;
		long total = time.toSeconds() * rate;
		long begin = System.nanoTime();
		for (long i = 0; i < total; i++) {
			long due = begin + i * interval;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				Thread.sleep(Duration.ofNanos(wait));
			}
			ArticleSnapshot article = article(random, UUID.randomUUID());
			published.put(article.articleId().toString(), System.nanoTime());
			events.publish(UUID.randomUUID(), ArticleEvents.PUBLISHED, article.articleId().toString(), article);
		}
		publishing.set(false);
		poller.join();
	}

	// Reads the newest articles page by page until the page reaches articles
	// published before the oldest one not found yet (or the end): events on different
	// partitions are indexed out of order, so a newly searchable article may sit
	// below ones found before.
	private static void poll(HttpClient client, String base, Map<String, Long> published, Map<String, Long> found) {
		long oldestPending = published.entrySet()
			.stream()
			.filter((entry) -> !found.containsKey(entry.getKey()))
			.mapToLong(Map.Entry::getValue)
			.min()
			.orElse(Long.MAX_VALUE);
		// publishedAt has millisecond precision
		long margin = Duration.ofMillis(5).toNanos();
		for (int page = 1; page <= 200; page++) {
			URI uri = URI.create(base + "/api/search?sort=newest&size=50&page=" + page);
			try {
				HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).build(),
						HttpResponse.BodyHandlers.ofString());
				long now = System.nanoTime();
				if (response.statusCode() != 200) {
					return;
				}
				boolean pastPending = false;
				int items = 0;
				for (var item : JSON.readTree(response.body()).get("items")) {
					items++;
					String id = item.get("id").asString();
					Long at = published.get(id);
					if (at == null) {
						// published before the measured articles (the warm-up): past all
						// of them
						pastPending = true;
						break;
					}
					found.putIfAbsent(id, now);
					pastPending = at < oldestPending - margin;
				}
				if (pastPending || items < 50) {
					return;
				}
			}
			catch (java.io.IOException ex) {
				// the service may be busy; the next poll tries again
				return;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private static ArticleSnapshot article(Random random, UUID id) {
		StringBuilder body = new StringBuilder();
		while (body.length() < 1000) {
			body.append(WORDS[zipf(random)]).append(' ');
		}
		String title = WORDS[zipf(random)] + " " + WORDS[zipf(random)] + " " + WORDS[zipf(random)];
		return new ArticleSnapshot(id, "a-" + id.toString().substring(0, 8), title, "", body.toString(),
				List.of(WORDS[random.nextInt(50)], WORDS[random.nextInt(50)]), List.of(),
				"author-" + random.nextInt(100), "Author", "published", Instant.now(), Instant.now(), 1);
	}

	// word frequencies roughly like a natural language's: a few common, many rare
	private static int zipf(Random random) {
		return (int) Math.min(WORDS.length - 1, Math.floor(Math.pow(WORDS.length, random.nextDouble())) - 1);
	}

	private static String[] vocabulary(int size) {
		Random random = new Random(1);
		String[] words = new String[size];
		for (int i = 0; i < size; i++) {
			int length = 3 + random.nextInt(8);
			StringBuilder word = new StringBuilder();
			for (int c = 0; c < length; c++) {
				word.append((char) ('a' + random.nextInt(26)));
			}
			words[i] = word.toString();
		}
		return words;
	}

	private static long percentile(long[] sorted, double percentile) {
		if (sorted.length == 0) {
			return 0;
		}
		int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	private static double ms(long nanos) {
		return nanos / 1_000_000.0;
	}

	private static void deleteTree(Path root) throws java.io.IOException {
		if (Files.exists(root)) {
			try (var paths = Files.walk(root)) {
				paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
		}
	}

}
