package dev.nori.search;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.nori.contracts.content.ArticleSnapshot;
import dev.nori.testsupport.TestHttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A test double of content-service's internal snapshot pages: the articles a test puts
 * here, in id order, after a pause per page if the test asks for one.
 */
public final class FakeContentService {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, ArticleSnapshot> articles = new ConcurrentSkipListMap<>();

	private final HttpServer server;

	private volatile Duration pagePause = Duration.ZERO;

	FakeContentService(String secret) {
		this.server = TestHttpServer.start((exchange) -> answer(exchange, secret));
	}

	/** Returns where it listens. */
	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** Replaces what it serves. */
	public void serve(List<ArticleSnapshot> published) {
		this.articles.clear();
		published.forEach((article) -> this.articles.put(article.articleId().toString(), article));
	}

	/** Makes every page take this long. */
	public void pausePerPage(Duration pause) {
		this.pagePause = pause;
	}

	private void answer(HttpExchange exchange, String secret) throws java.io.IOException {
		if (!secret.equals(exchange.getRequestHeaders().getFirst("X-Nori-Internal-Secret"))) {
			exchange.sendResponseHeaders(403, -1);
			exchange.close();
			return;
		}
		Map<String, String> query = new java.util.HashMap<>();
		String raw = exchange.getRequestURI().getQuery();
		if (raw != null) {
			for (String pair : raw.split("&")) {
				String[] parts = pair.split("=", 2);
				query.put(parts[0], (parts.length > 1) ? parts[1] : "");
			}
		}
		int size = Integer.parseInt(query.getOrDefault("size", "500"));
		String after = query.get("after");
		List<ArticleSnapshot> page = this.articles.entrySet()
			.stream()
			.filter((entry) -> after == null || entry.getKey().compareTo(UUID.fromString(after).toString()) > 0)
			.limit(size)
			.map(Map.Entry::getValue)
			.toList();
		try {
			Thread.sleep(this.pagePause);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		byte[] body = JSON.writeValueAsString(page).getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	}

}
