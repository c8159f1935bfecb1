package dev.nori.servicedefaults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;

import dev.nori.testsupport.TcpProxy;
import dev.nori.testsupport.TestHttp;
import dev.nori.testsupport.TestKafka;
import dev.nori.testsupport.TestPostgres;
import dev.nori.testsupport.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service built on the defaults, started for real against PostgreSQL, Redis and Kafka
 * (each reached through a proxy the test can cut), and called over plain HTTP.
 */
@SpringBootTest(classes = ProbeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureTracing
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class ServiceDefaultsIT {

	private static final String DATABASE = "nori_test_sd_created";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TcpProxy postgres = new TcpProxy(5432);

	private static final TcpProxy redis = new TcpProxy(TestRedis.PORT);

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
		TestRedis.port();
		// the service must create its own database: make sure it is gone first
		try (Connection connection = TestPostgres.connect("postgres"); var statement = connection.createStatement()) {
			statement.execute("drop database if exists " + DATABASE + " with (force)");
		}
		postgres.start();
		redis.start();
		registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + DATABASE);
		registry.add("spring.datasource.username", TestPostgres::username);
		registry.add("spring.data.redis.port", redis::port);
		registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
	}

	@AfterAll
	static void closeProxies() {
		postgres.close();
		redis.close();
	}

	@Autowired
	private Environment environment;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void createsItsDatabaseAndMigratesTheBackboneTables() {
		assertThat(this.jdbc.sql("select current_database()").query(String.class).single()).isEqualTo(DATABASE);
		assertThat(
				this.jdbc.sql("select count(*) from eventing.schema_history where success").query(Long.class).single())
			.isPositive();
	}

	@Test
	void keepsASafeRequestIdAndReplacesAnUnsafeOne() {
		HttpResponse<String> kept = TestHttp
			.send(TestHttp.get(port(), "/api/probe/info").header("X-Request-ID", "client-id.1_x"));
		assertThat(kept.statusCode()).isEqualTo(200);
		assertThat(kept.headers().firstValue("X-Request-ID")).hasValue("client-id.1_x");

		HttpResponse<String> replaced = TestHttp
			.send(TestHttp.get(port(), "/api/probe/info").header("X-Request-ID", "bad id; drop table"));
		assertThat(replaced.headers().firstValue("X-Request-ID").orElseThrow()).isNotEqualTo("bad id; drop table")
			.matches("[A-Za-z0-9._-]{1,128}");

		HttpResponse<String> generated = TestHttp.send(TestHttp.get(port(), "/api/probe/info"));
		assertThat(generated.headers().firstValue("X-Request-ID")).isPresent();
	}

	@Test
	void sendsTheRequestIdOnOutgoingCalls() {
		HttpResponse<String> response = TestHttp
			.send(TestHttp.get(port(), "/api/probe/outgoing").header("X-Request-ID", "follow-me-42"));
		assertThat(response.body()).isEqualTo("follow-me-42");
	}

	@Test
	void infoNamesTheService() {
		JsonNode info = json(TestHttp.send(TestHttp.get(port(), "/api/probe/info")));
		assertThat(info.path("service").asString()).isEqualTo("probe-service");
	}

	@Test
	void publishesItsOpenApiDocumentUnderItsApiBase() {
		HttpResponse<String> response = TestHttp.send(TestHttp.get(port(), "/api/probe/openapi.json"));
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode document = json(response);
		assertThat(document.path("openapi").asString()).startsWith("3.");
		assertThat(document.path("paths").has("/api/probe/things")).isTrue();
		assertThat(document.path("paths").has("/api/probe/info")).isTrue();
	}

	@Test
	void validationListsEveryFailingField() {
		HttpResponse<String> response = TestHttp.send(TestHttp
			.post(port(), "/api/probe/things",
					"{\"title\":\"\",\"code\":\"toolong\",\"email\":\"nope\",\"authorId\":\"ignored\"}")
			.header("X-Request-ID", "validation-1"));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = json(response);
		assertThat(problem.path("type").asString()).isEqualTo("https://nori.dev/problems/bad-request");
		assertThat(problem.path("title").asString()).isEqualTo("Bad Request");
		assertThat(problem.path("status").asInt()).isEqualTo(400);
		assertThat(problem.path("instance").asString()).isEqualTo("/api/probe/things");
		assertThat(problem.path("requestId").asString()).isEqualTo("validation-1");
		Map<String, String> errors = new java.util.HashMap<>();
		problem.path("errors")
			.forEach((error) -> errors.put(error.path("field").asString(), error.path("message").asString()));
		assertThat(errors).containsEntry("title", "is required")
			.containsEntry("code", "must be at most 5 characters")
			.containsEntry("email", "is not an email address")
			.hasSize(3);
	}

	@Test
	void answersEveryErrorStatusAsProblemJson() {
		assertProblem(TestHttp.send(TestHttp.post(port(), "/api/probe/things", "{not json")), 400, "bad-request");
		assertProblem(TestHttp.send(TestHttp.get(port(), "/api/probe/nothing-here")), 404, "not-found");
		assertProblem(TestHttp.send(TestHttp.get(port(), "/api/probe/things")), 405, "method-not-allowed");
		assertProblem(TestHttp.send(TestHttp.get(port(), "/api/probe/conflict")), 409, "conflict");
		assertProblem(
				TestHttp.send(TestHttp.post(port(), "/api/probe/things", "{\"title\":\"" + "x".repeat(4096) + "\"}")),
				413, "payload-too-large");
		assertProblem(TestHttp.send(TestHttp.post(port(), "/api/probe/things", "<title>x</title>")
			.setHeader("Content-Type", "application/xml")), 415, "unsupported-media-type");
		HttpResponse<String> limited = TestHttp.send(TestHttp.get(port(), "/api/probe/limited"));
		assertProblem(limited, 429, "too-many-requests");
		assertThat(limited.headers().firstValue("Retry-After")).hasValue("30");
		HttpResponse<String> unavailable = TestHttp.send(TestHttp.get(port(), "/api/probe/unavailable"));
		assertProblem(unavailable, 503, "service-unavailable");
		assertThat(json(unavailable).path("detail").asString()).isEqualTo("Search is rebuilding its index.");
	}

	@Test
	void requestsTomcatRejectsAreProblemJsonToo() throws Exception {
		String malformedUrl = rawRequest("GET /api/probe/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
		assertThat(malformedUrl).startsWith("HTTP/1.1 400")
			.contains("Content-Type: application/problem+json")
			.contains("\"type\":\"https://nori.dev/problems/bad-request\"")
			.doesNotContain("<html", "Tomcat");
		String hugeHeader = rawRequest("GET /api/probe/info HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000)
				+ "\r\nConnection: close\r\n\r\n");
		assertThat(hugeHeader).startsWith("HTTP/1.1 400")
			.contains("application/problem+json")
			.doesNotContain("<html", "Tomcat");
	}

	private String rawRequest(String request) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port())) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	@Test
	void chunkedBodiesOverTheLimitAreRefusedToo() {
		byte[] body = ("{\"title\":\"" + "y".repeat(8192) + "\"}").getBytes();
		HttpRequest.Builder request = HttpRequest
			.newBuilder(java.net.URI.create("http://127.0.0.1:" + port() + "/api/probe/things"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)));
		assertProblem(TestHttp.send(request), 413, "payload-too-large");
	}

	@Test
	void unexpectedErrorsRevealNothingInternal(CapturedOutput output) {
		HttpResponse<String> response = TestHttp.send(TestHttp.get(port(), "/api/probe/boom"));
		assertProblem(response, 500, "internal-error");
		assertThat(response.body()).doesNotContain("secret", "com.example", "Exception", "at dev.nori", "java.");
		assertThat(output.getOut()).contains("secret internal detail");
	}

	@Test
	void browsersGetAnHtmlErrorPage() {
		HttpResponse<String> response = TestHttp.send(TestHttp.get(port(), "/api/probe/conflict")
			.header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));
		assertThat(response.statusCode()).isEqualTo(409);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
		assertThat(response.body()).contains("<h1>409 Conflict</h1>", "Version 3 of thing 7 is stale.");
	}

	@Test
	void logsAreJsonWithRequestTraceAndService(CapturedOutput output) {
		TestHttp.send(TestHttp.get(port(), "/api/probe/log").header("X-Request-ID", "log-line-7"));
		String line = output.getOut()
			.lines()
			.filter((l) -> l.contains("probe log line"))
			.reduce((first, second) -> second)
			.orElseThrow();
		JsonNode entry = JSON.readTree(line);
		assertThat(entry.path("requestId").asString()).isEqualTo("log-line-7");
		assertThat(entry.path("traceId").asString()).matches("[0-9a-f]{32}");
		assertThat(entry.path("spanId").asString()).matches("[0-9a-f]{16}");
		assertThat(entry.path("service").asString()).isEqualTo("probe-service");
	}

	@Test
	void auditRecordsGoThroughTheOutbox() {
		// as the gateway forwards it
		TestHttp.send(TestHttp.post(port(), "/api/probe/audit", "{}")
			.header("X-Request-ID", "audit-9")
			.header("X-Forwarded-For", "203.0.113.9"));
		Map<String, Object> row = this.jdbc.sql(
				"select data, traceparent from eventing.outbox where type = 'nori.audit.record.recorded.v1' and request_id = 'audit-9'")
			.query()
			.singleRow();
		assertThat(row.get("traceparent").toString()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
		String data = row.get("data").toString();
		JsonNode record = JSON.readTree(data);
		assertThat(record.path("service").asString()).isEqualTo("probe-service");
		assertThat(record.path("action").asString()).isEqualTo("probe.audited");
		assertThat(record.path("target").asString()).isEqualTo("probe:1");
		assertThat(record.path("clientIp").asString()).isEqualTo("203.0.113.9");
		assertThat(record.path("requestId").asString()).isEqualTo("audit-9");
		assertThat(record.path("details").path("reason").asString()).isEqualTo("test");
	}

	@Test
	void backgroundTasksRunAfterTheResponseWithTheRequestId() {
		HttpResponse<String> response = TestHttp
			.send(TestHttp.post(port(), "/api/probe/background", "{}").header("X-Request-ID", "bg-3"));
		assertThat(response.body()).isEqualTo("queued");
		await().atMost(Duration.ofSeconds(5)).until(() -> ProbeApplication.BACKGROUND_RUNS.contains("bg-3"));
	}

	@Test
	void managementPortExposesOnlyHealthInfoAndPrometheus() {
		assertThat(TestHttp.send(TestHttp.get(managementPort(), "/actuator/health/liveness")).statusCode())
			.isEqualTo(200);
		HttpResponse<String> metrics = TestHttp.send(TestHttp.get(managementPort(), "/actuator/prometheus"));
		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("nori_eventing_outbox_backlog");
		assertThat(TestHttp.send(TestHttp.get(managementPort(), "/actuator/info")).statusCode()).isEqualTo(200);
		assertThat(TestHttp.send(TestHttp.get(managementPort(), "/actuator/env")).statusCode()).isEqualTo(404);
		assertThat(TestHttp.send(TestHttp.get(managementPort(), "/actuator/beans")).statusCode()).isEqualTo(404);
		assertThat(TestHttp.send(TestHttp.get(port(), "/actuator/health")).statusCode()).isEqualTo(404);
	}

	@Test
	void readinessFailsWhileTheDatabaseRedisOrKafkaIsUnreachable() {
		awaitReadiness(200);

		postgres.cut();
		JsonNode dbDown = awaitReadiness(503);
		assertThat(dbDown.path("components").path("db").path("status").asString()).isEqualTo("DOWN");
		HttpResponse<String> query = TestHttp.send(TestHttp.get(port(), "/api/probe/db"));
		assertProblem(query, 503, "service-unavailable");
		assertThat(query.headers().firstValue("Retry-After")).hasValue("5");
		postgres.start();
		awaitReadiness(200);
		assertThat(TestHttp.send(TestHttp.get(port(), "/api/probe/db")).body()).isEqualTo("1");

		redis.cut();
		JsonNode redisDown = awaitReadiness(503);
		assertThat(redisDown.path("components").path("redis").path("status").asString()).isEqualTo("DOWN");
		redis.start();
		awaitReadiness(200);

		TestKafka.broker().stop();
		try {
			JsonNode kafkaDown = awaitReadiness(503);
			assertThat(kafkaDown.path("components").path("kafka").path("status").asString()).isEqualTo("DOWN");
		}
		finally {
			TestKafka.broker().start();
		}
		awaitReadiness(200);
	}

	private JsonNode awaitReadiness(int status) {
		java.util.concurrent.atomic.AtomicReference<HttpResponse<String>> last = new java.util.concurrent.atomic.AtomicReference<>();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
			last.set(TestHttp.send(TestHttp.get(managementPort(), "/actuator/health/readiness")));
			return last.get().statusCode() == status;
		});
		return json(last.get());
	}

	private static void assertProblem(HttpResponse<String> response, int status, String type) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = json(response);
		assertThat(problem.path("type").asString()).isEqualTo("https://nori.dev/problems/" + type);
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(problem.path("title").asString()).isNotBlank();
		assertThat(problem.path("detail").asString()).isNotBlank();
		assertThat(problem.path("instance").asString()).startsWith("/api/probe/");
		assertThat(problem.path("requestId").asString()).isNotBlank();
		assertThat(response.body()).doesNotContain("trace", "exception", "Exception");
	}

	private static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	private int port() {
		return this.environment.getRequiredProperty("local.server.port", Integer.class);
	}

	private int managementPort() {
		return this.environment.getRequiredProperty("local.management.port", Integer.class);
	}

}
