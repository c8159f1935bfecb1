package dev.nori.system;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.imageio.ImageIO;

import dev.nori.testsupport.TestHttp;
import dev.nori.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input, end to end through the gateway: forged and tampered tokens, forged
 * identity and forwarding headers, a foreign origin, polyglot, oversized and
 * path-traversing uploads, SQL metacharacters in every query parameter and malformed JSON
 * and giant bodies on every write route the merged OpenAPI document lists. Every answer
 * is a problem document with the right status, the security headers and the request id,
 * and nothing is stored.
 */
class HostileInputIT extends SystemTest {

	private static final List<String> SQL = List.of("' OR '1'='1", "1; DROP TABLE users; --", "\" OR 1=1 --",
			"%27%20UNION%20SELECT%20NULL--", "\\'; SELECT pg_sleep(5); --");

	@Test
	void forgedAndTamperedTokensAreRefusedAsProblems() {
		String admin = adminToken();
		String[] parts = admin.split("\\.");
		String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
		Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
		String unsigned = url.encodeToString("{\"alg\":\"none\",\"typ\":\"at+jwt\"}".getBytes(StandardCharsets.UTF_8))
				+ "." + parts[1] + ".";
		String tampered = parts[0] + "."
				+ url.encodeToString(
						payload.replace("\"roles\":[", "\"roles\":[\"superuser\",").getBytes(StandardCharsets.UTF_8))
				+ "." + parts[2];
		String hmacHeader = url.encodeToString(header.replace("RS256", "HS256").getBytes(StandardCharsets.UTF_8));
		String hmac = hmacHeader + "." + parts[1] + "." + hmac(hmacHeader + "." + parts[1]);
		Map<String, String> forged = new LinkedHashMap<>();
		forged.put("alg none", unsigned);
		forged.put("tampered payload", tampered);
		forged.put("HMAC instead of RSA", hmac);
		forged.put("garbage", "not.a.token");
		forged.put("expired-looking", parts[0] + "." + parts[1]);
		int refused = 0;
		for (Map.Entry<String, String> token : forged.entrySet()) {
			String requestId = "forged-" + refused;
			HttpResponse<String> response = send(TestHttp.get(stack.settings().gatewayPort(), "/api/auth/me")
				.header("Authorization", "Bearer " + token.getValue())
				.header("X-Request-ID", requestId));
			assertProblem(token.getKey(), response, 401, requestId);
			refused++;
		}
		SystemReport.count("forged tokens refused", refused);
	}

	@Test
	void identityAndForwardingHeadersFromClientsAreNotBelieved() {
		String user = userToken();
		HttpRequest.Builder forged = TestHttp.get(stack.settings().gatewayPort(), "/api/auth/admin/users")
			.header("Authorization", "Bearer " + user)
			.header("X-User-Id", "00000000-0000-0000-0000-000000000001")
			.header("X-User-Permissions", "users.manage")
			.header("X-Forwarded-For", "10.0.0.1")
			.header("X-Forwarded-Host", "admin.internal")
			.header("X-Request-ID", "forged-identity");
		assertProblem("forged identity headers", send(forged), 403, "forged-identity");
		HttpResponse<String> anonymous = send(TestHttp.get(stack.settings().gatewayPort(), "/api/auth/admin/users")
			.header("X-User-Id", "00000000-0000-0000-0000-000000000001")
			.header("X-User-Permissions", "users.manage")
			.header("X-Request-ID", "forged-anonymous"));
		assertProblem("identity headers without a token", anonymous, 401, "forged-anonymous");
	}

	@Test
	void aForeignOriginGetsNoCorsGrant() {
		HttpResponse<String> preflight = send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + stack.settings().gatewayPort() + "/api/content/articles"))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", "https://evil.example")
			.header("Access-Control-Request-Method", "POST")
			.header("X-Request-ID", "cors-foreign"));
		assertThat(preflight.statusCode()).isEqualTo(403);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		HttpResponse<String> simple = send(TestHttp.get(stack.settings().gatewayPort(), "/api/content/articles")
			.header("Origin", "https://evil.example")
			.header("X-Request-ID", "cors-simple"));
		assertThat(simple.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	@Test
	void polyglotOversizedAndPathTraversingUploadsAreRefusedAndNothingIsStored() throws Exception {
		String admin = adminToken();
		Map<String, Long> before = storedRows();
		int port = stack.settings().gatewayPort();
		// an HTML page named and declared as a PNG
		byte[] html = "<html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.UTF_8);
		assertProblem("HTML as a PNG",
				send(TestHttp.upload(port, "/api/content/uploads", "photo.png", "image/png", html)
					.header("Authorization", "Bearer " + admin)
					.header("X-Request-ID", "upload-html")),
				415, "upload-html");
		// a GIF header in front of a script: not a decodable image
		byte[] gifScript = ("GIF89a/*" + "\u0001\u0001".repeat(4) + "*/=alert(1);//")
			.getBytes(StandardCharsets.ISO_8859_1);
		HttpResponse<String> polyglot = send(
				TestHttp.upload(port, "/api/content/uploads", "anim.gif", "image/gif", gifScript)
					.header("Authorization", "Bearer " + admin)
					.header("X-Request-ID", "upload-polyglot"));
		assertThat(polyglot.statusCode()).as(polyglot.body()).isBetween(400, 499);
		assertProblem("GIF polyglot", polyglot, polyglot.statusCode(), "upload-polyglot");
		// larger than the gateway lets through
		byte[] huge = new byte[12 * 1024 * 1024];
		System.arraycopy(png(), 0, huge, 0, png().length);
		assertProblem("12 MB upload",
				send(TestHttp.upload(port, "/api/content/uploads", "huge.png", "image/png", huge)
					.header("Authorization", "Bearer " + admin)
					.header("X-Request-ID", "upload-huge")),
				413, "upload-huge");
		// a name that climbs out of the storage folder
		HttpResponse<String> traversal = send(
				TestHttp.upload(port, "/api/content/uploads", "../../../../etc/passwd.png", "image/png", png())
					.header("Authorization", "Bearer " + admin)
					.header("X-Request-ID", "upload-traversal"));
		if (traversal.statusCode() == 201) {
			JsonNode stored = JSON.readTree(traversal.body());
			assertThat(stored.path("fileName").asString()).doesNotContain("..")
				.doesNotContain("/")
				.doesNotContain("\\");
			send(TestHttp.get(port, "/api/content/uploads/" + stored.path("id").asString())
				.DELETE()
				.header("Authorization", "Bearer " + admin));
		}
		else {
			assertProblem("path traversal name", traversal, 400, "upload-traversal");
		}
		for (String path : List.of("/api/content/uploads/..%2F..%2Fetc%2Fpasswd/content",
				"/api/content/uploads/%2e%2e/%2e%2e/etc/passwd", "/api/content/articles/..%5C..%5Cwindows")) {
			HttpResponse<String> climbing = send(TestHttp.get(port, path)
				.header("Authorization", "Bearer " + admin)
				.header("X-Request-ID", "climb"));
			assertThat(climbing.statusCode()).as(path).isBetween(400, 404);
			assertThat(climbing.body()).as(path).doesNotContain("root:");
		}
		assertThat(storedRows()).as("rows stored by the services").isEqualTo(before);
	}

	@Test
	void sqlMetacharactersInEveryQueryParameterAreJustText() {
		String admin = adminToken();
		JsonNode document = JSON.readTree(viaGateway("/docs/openapi.json", "hostile-docs").body());
		int requests = 0;
		List<String> failures = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
			JsonNode get = path.getValue().path("get");
			if (get.isMissingNode()) {
				continue;
			}
			for (JsonNode parameter : get.path("parameters")) {
				if (!"query".equals(parameter.path("in").asString())) {
					continue;
				}
				for (String value : SQL) {
					String requestId = "sql-" + requests++;
					String uri = fill(path.getKey()) + "?" + parameter.path("name").asString() + "="
							+ URLEncoder.encode(value, StandardCharsets.UTF_8);
					HttpResponse<String> response = send(TestHttp.get(stack.settings().gatewayPort(), uri)
						.header("Authorization", "Bearer " + admin)
						.header("X-Request-ID", requestId));
					if (response.statusCode() >= 500) {
						failures.add(uri + " → " + response.statusCode());
					}
					else if (response.statusCode() >= 400) {
						problemFailure(uri, response, requestId).ifPresent(failures::add);
					}
				}
			}
		}
		SystemReport.count("requests", requests);
		assertThat(requests).as("query parameters found in the OpenAPI document").isGreaterThan(20);
		assertThat(failures).isEmpty();
	}

	@Test
	void malformedJsonAndGiantBodiesOnEveryWriteRouteAreProblemsAndStoreNothing() throws Exception {
		String user = userToken();
		JsonNode document = JSON.readTree(viaGateway("/docs/openapi.json", "hostile-docs").body());
		Map<String, Long> before = storedRows();
		String giant = "{\"title\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
		int routes = 0;
		List<String> failures = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
			for (String method : List.of("post", "put", "patch")) {
				JsonNode operation = path.getValue().path(method);
				if (!operation.path("requestBody").path("content").has("application/json")) {
					continue;
				}
				routes++;
				String uri = fill(path.getKey());
				for (Map.Entry<String, String> body : Map
					.of("malformed", "{\"title\": \"unterminated", "not an object", "[1, 2, 3", "giant", giant)
					.entrySet()) {
					String requestId = "write-" + routes + "-" + body.getKey().replace(' ', '-');
					HttpResponse<String> response = send(HttpRequest
						.newBuilder(URI.create("http://127.0.0.1:" + stack.settings().gatewayPort() + uri))
						.timeout(Duration.ofSeconds(30))
						.method(method.toUpperCase(java.util.Locale.ROOT),
								HttpRequest.BodyPublishers.ofString(body.getValue()))
						.header("Content-Type", "application/json")
						.header("Authorization", "Bearer " + user)
						.header("X-Request-ID", requestId));
					String what = method.toUpperCase(java.util.Locale.ROOT) + " " + uri + " (" + body.getKey() + ")";
					if (body.getKey().equals("giant") && response.statusCode() != 413) {
						failures.add(what + " → " + response.statusCode() + ", not 413");
					}
					else if (response.statusCode() < 400 || response.statusCode() >= 500) {
						failures.add(what + " → " + response.statusCode());
					}
					else {
						problemFailure(what, response, requestId).ifPresent(failures::add);
					}
				}
			}
		}
		SystemReport.count("write routes", routes);
		assertThat(routes).as("write routes found in the OpenAPI document").isGreaterThan(15);
		assertThat(failures).isEmpty();
		assertThat(storedRows()).as("rows stored by the services").isEqualTo(before);
	}

	private static void assertProblem(String what, HttpResponse<String> response, int status, String requestId) {
		assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(status);
		assertThat(problemFailure(what, response, requestId)).isEmpty();
	}

	private static java.util.Optional<String> problemFailure(String what, HttpResponse<String> response,
			String requestId) {
		List<String> wrong = new ArrayList<>();
		if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
			wrong.add("not problem JSON");
		}
		if (!response.headers().firstValue("X-Content-Type-Options").orElse("").equals("nosniff")
				|| response.headers().firstValue("Content-Security-Policy").isEmpty()) {
			wrong.add("security headers missing");
		}
		if (!response.headers().firstValue("X-Request-ID").orElse("").equals(requestId)) {
			wrong.add("request id not echoed");
		}
		if (response.body().contains("Exception") || response.body().contains("\tat ")) {
			wrong.add("internals leaked");
		}
		return wrong.isEmpty() ? java.util.Optional.empty()
				: java.util.Optional.of(what + " → " + response.statusCode() + ": " + String.join(", ", wrong));
	}

	// path parameters: ids that exist nowhere, names that are plain
	private static String fill(String template) {
		return template.replaceAll("\\{[^}]*[iI]d\\}", UUID.randomUUID().toString()).replaceAll("\\{[^}]+\\}", "x");
	}

	private static String userToken() {
		String email = "hostile-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		String password = "quiet-harbor-" + UUID.randomUUID();
		expectStatus(postViaGateway("/api/auth/register",
				"{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"displayName\":\"Hostile\"}", null),
				201);
		HttpResponse<String> login = expectStatus(postViaGateway("/api/auth/login",
				"{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", null), 200);
		return JSON.readTree(login.body()).get("accessToken").asString();
	}

	// every service's own rows, apart from what requests may record by design (the audit
	// trail, the event backbone, sessions and tokens of logins)
	private static Map<String, Long> storedRows() throws Exception {
		Map<String, Long> rows = new LinkedHashMap<>();
		for (String database : List.of("auth", "content", "jobs", "notification", "search")) {
			try (Connection connection = TestPostgres.connect("nori_systest_" + database);
					Statement statement = connection.createStatement()) {
				List<String> tables = new ArrayList<>();
				try (ResultSet names = statement.executeQuery("select table_name from information_schema.tables "
						+ "where table_schema = 'public' and table_type = 'BASE TABLE' "
						+ "and table_name not like '%audit%' and table_name not like '%session%' "
						+ "and table_name not like '%token%' and table_name <> 'flyway_schema_history'")) {
					while (names.next()) {
						tables.add(names.getString(1));
					}
				}
				for (String table : tables) {
					try (ResultSet count = statement.executeQuery("select count(*) from \"" + table + "\"")) {
						count.next();
						rows.put(database + "." + table, count.getLong(1));
					}
				}
			}
		}
		return rows;
	}

	private static byte[] png() throws Exception {
		var image = new java.awt.image.BufferedImage(2, 2, java.awt.image.BufferedImage.TYPE_INT_RGB);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	private static String hmac(String signed) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec("a-public-key-used-as-a-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
