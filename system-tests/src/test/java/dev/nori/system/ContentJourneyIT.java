package dev.nori.system;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import com.sun.net.httpserver.HttpServer;
import dev.nori.testsupport.TestHttp;
import dev.nori.testsupport.TestHttpServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Content end to end: an editor's illustrated article in a category tree reaches search,
 * both live streams and a webhook; an admin's revocation stops the editor's next publish
 * without a new login.
 */
class ContentJourneyIT extends SystemTest {

	private static final String PUBLISHED = "nori.content.article.published.v1";

	@Test
	void anEditorsIllustratedArticleInACategoryTreeReachesSearchBothStreamsAndAWebhook() throws Exception {
		String admin = adminToken();
		String editor = userWithRole("editor", admin);
		String run = UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9]", "e");

		// a three-level category tree
		String parent = null;
		String rootSlug = null;
		for (String level : List.of("travel", "europe", "lisbon")) {
			String slug = level + "-" + run;
			String body = (parent != null)
					? JSON.writeValueAsString(Map.of("name", level + " " + run, "slug", slug, "parentId", parent))
					: JSON.writeValueAsString(Map.of("name", level + " " + run, "slug", slug));
			parent = JSON.readTree(expectStatus(postViaGateway("/api/content/categories", body, editor), 201).body())
				.path("id")
				.asString();
			rootSlug = (rootSlug == null) ? slug : rootSlug;
		}
		String word = "tramway" + run;
		String id = JSON.readTree(expectStatus(postViaGateway("/api/content/articles",
				JSON.writeValueAsString(Map.of("title", "The " + word + " of Lisbon", "slug", "lisbon-" + run, "body",
						"Yellow cars climb the hills; the " + word + " is older than the city's metro.", "categoryId",
						parent)),
				editor), 201)
			.body()).path("id").asString();
		// an image, verified and stored in the S3-protocol server, attached to it
		HttpResponse<String> upload = send(
				multipart("/api/content/uploads", id, png()).header("Authorization", "Bearer " + editor));
		assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
		JsonNode image = JSON.readTree(upload.body());
		assertThat(image.path("contentType").asString()).isEqualTo("image/png");
		HttpResponse<byte[]> stored = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + stack.settings().gatewayPort() + "/api/content/uploads/"
						+ image.path("id").asString() + "/content"))
				.header("Authorization", "Bearer " + editor)
				.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(stored.statusCode()).isIn(200, 302, 307);

		// subscribers on both live channels and a webhook receiver
		List<String> deliveries = new CopyOnWriteArrayList<>();
		HttpServer receiver = TestHttpServer.start((exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			if (exchange.getRequestHeaders().getFirst("webhook-signature") != null) {
				deliveries.add(body);
			}
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		String endpoint = registerWebhook(receiver, PUBLISHED, admin).get("id").asString();
		BlockingQueue<String> socketFrames = new LinkedBlockingQueue<>();
		WebSocket socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.header("Authorization", "Bearer " + editor)
			.buildAsync(URI.create("ws://127.0.0.1:" + stack.settings().gatewayPort() + "/ws/events"),
					frames(socketFrames))
			.get(10, TimeUnit.SECONDS);
		EventStream stream = openEventStream(PUBLISHED, editor);
		try {
			socket.sendText("{\"action\":\"subscribe\",\"types\":[\"" + PUBLISHED + "\"]}", true).join();
			assertThat(socketFrames.poll(10, TimeUnit.SECONDS)).contains("subscribed");

			long published = System.nanoTime();
			expectStatus(postViaGateway("/api/content/articles/" + id + "/publish", "", editor), 200);

			// searchable, highlighted, under the tree's root
			String root = rootSlug;
			JsonNode[] hit = new JsonNode[1];
			await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
				JsonNode found = JSON
					.readTree(viaGateway("/api/search?q=" + word + "&category=" + root, "journey-search").body());
				hit[0] = found.path("items").path(0);
				return found.path("totalItems").asLong() == 1;
			});
			long searchable = (System.nanoTime() - published) / 1_000_000;
			assertThat(hit[0].path("id").asString()).isEqualTo(id);
			assertThat(hit[0].path("highlights").toString()).contains("<mark>" + word + "</mark>");
			assertThat(searchable).as("ms from publish to searchable").isLessThan(3000);

			String frame;
			do {
				frame = socketFrames.poll(10, TimeUnit.SECONDS);
				assertThat(frame).as("the published event on the WebSocket").isNotNull();
			}
			while (!frame.contains(id));
			stream.nextData(id);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> deliveries.stream().anyMatch((body) -> body.contains(id)));
			Thread.sleep(2000);
			long webhooks = deliveries.stream().filter((body) -> body.contains(id)).count();
			assertThat(webhooks).as("signed deliveries of this article").isEqualTo(1);
			SystemReport.count("ms to searchable", searchable);
			SystemReport.count("websocket events", 1);
			SystemReport.count("sse events", 1);
			SystemReport.count("webhooks", webhooks);
		}
		finally {
			socket.abort();
			stream.close();
			receiver.stop(0);
			deleteWebhook(endpoint, admin);
		}
	}

	@Test
	void anAdminRevokingPublishStopsTheEditorsNextPublishWithoutANewLogin() {
		String admin = adminToken();
		String role = "publisher-" + UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9]", "p");
		expectStatus(
				postViaGateway("/api/auth/admin/roles",
						JSON.writeValueAsString(Map.of("name", role, "description", "writes and publishes",
								"permissions", List.of("articles.create", "articles.edit", "articles.publish"))),
						admin),
				201);
		String editor = userWithRole(role, admin);
		String first = article(editor, "first");
		String second = article(editor, "second");
		expectStatus(postViaGateway("/api/content/articles/" + first + "/publish", "", editor), 200);

		expectStatus(send(TestHttp
			.get(stack.settings().gatewayPort(), "/api/auth/admin/roles/" + role + "/permissions/articles.publish")
			.DELETE()
			.header("Authorization", "Bearer " + admin)), 204);
		// the same token, no new login: refused within the services' second of caching
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(
					postViaGateway("/api/content/articles/" + second + "/publish", "", editor).statusCode())
				.isEqualTo(403));
		// what the role still grants keeps working
		assertThat(getViaGateway("/api/content/articles/" + second, editor).statusCode()).isIn(200, 404);
		assertThat(postViaGateway("/api/content/articles",
				JSON.writeValueAsString(Map.of("title", "Still allowed", "body", "Creating is still granted")), editor)
			.statusCode()).isEqualTo(201);
	}

	private static String article(String token, String title) {
		return JSON
			.readTree(expectStatus(
					postViaGateway("/api/content/articles",
							JSON.writeValueAsString(Map.of("title", "Revocation " + title, "body", "A draft.")), token),
					201)
				.body())
			.path("id")
			.asString();
	}

	// a new user given a role by the admin, logged in afterwards
	private static String userWithRole(String role, String admin) {
		String email = role + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		String password = "orchard-lantern-" + UUID.randomUUID();
		expectStatus(postViaGateway("/api/auth/register",
				JSON.writeValueAsString(Map.of("email", email, "password", password, "displayName", "Ed")), null), 201);
		String login = "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
		String first = JSON.readTree(expectStatus(postViaGateway("/api/auth/login", login, null), 200).body())
			.path("accessToken")
			.asString();
		String userId = JSON.readTree(getViaGateway("/api/auth/me", first).body()).path("id").asString();
		expectStatus(
				send(TestHttp.get(stack.settings().gatewayPort(), "/api/auth/admin/users/" + userId + "/roles/" + role)
					.PUT(HttpRequest.BodyPublishers.noBody())
					.header("Authorization", "Bearer " + admin)),
				204);
		return JSON.readTree(expectStatus(postViaGateway("/api/auth/login", login, null), 200).body())
			.path("accessToken")
			.asString();
	}

	private static HttpRequest.Builder multipart(String path, String articleId, byte[] png) {
		String boundary = "nori-" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"articleId\"\r\n\r\n" + articleId
				+ "\r\n--" + boundary
				+ "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"tram.png\"\r\nContent-Type: image/png\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(png);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.settings().gatewayPort() + path))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
	}

	private static byte[] png() throws Exception {
		var image = new java.awt.image.BufferedImage(16, 9, java.awt.image.BufferedImage.TYPE_INT_RGB);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	private static WebSocket.Listener frames(BlockingQueue<String> frames) {
		return new WebSocket.Listener() {

			private final StringBuilder partial = new StringBuilder();

			@Override
			public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
				this.partial.append(data);
				if (last) {
					frames.add(this.partial.toString());
					this.partial.setLength(0);
				}
				socket.request(1);
				return null;
			}

		};
	}

}
