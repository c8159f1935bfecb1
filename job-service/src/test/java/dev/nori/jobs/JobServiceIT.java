package dev.nori.jobs;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.nori.jobs.handler.JobContext;
import dev.nori.jobs.handler.JobHandler;
import dev.nori.testsupport.MutableClock;
import dev.nori.testsupport.TestHttp;
import dev.nori.testsupport.TestInfrastructure;
import dev.nori.testsupport.TestTokenIssuer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One running job-service (API and worker) for the integration tests: real PostgreSQL and
 * Kafka, real RSA-signed tokens, a clock the tests move, and test job types that count,
 * fail, sleep or need a typed payload. Retries wait an hour (no jitter), so only moving
 * the clock brings a failed job back.
 */
@SpringBootTest(classes = JobApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "nori.eventing.consumer.group-id=jobs-it-${random.uuid}",
				"nori.jobs.worker.threads=4", "nori.jobs.worker.poll-interval=2s", "nori.jobs.worker.lease=5s",
				"nori.jobs.worker.heartbeat=1s", "nori.jobs.retry.initial=1h", "nori.jobs.retry.max=10h",
				"nori.jobs.retry.jitter=0", "nori.jobs.http.allow-loopback=true",
				"nori.jobs.http.secrets.hooks=" + JobServiceIT.WEBHOOK_SECRET })
@Import(JobServiceIT.TestJobs.class)
public abstract class JobServiceIT {

	protected static final JsonMapper JSON = JsonMapper.builder().build();

	protected static final List<String> MANAGER = List.of("jobs.enqueue", "jobs.manage");

	protected static final List<String> ENQUEUER = List.of("jobs.enqueue");

	/**
	 * The signing secret named {@code hooks} (the Standard Webhooks documentation's
	 * example).
	 */
	protected static final String WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	private static final TestTokenIssuer issuer = TestTokenIssuer.start("https://nori.test/api/auth");

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.postgresAndKafka(registry, "nori_test_jobs");
		registry.add("nori.service.security.issuer", issuer::issuer);
		registry.add("nori.service.security.jwks-uri", () -> issuer.jwksUri().toString());
	}

	@LocalServerPort
	protected int port;

	@Autowired
	protected JdbcClient jdbc;

	@Autowired
	protected MutableClock clock;

	protected String token(List<String> permissions) {
		return token(UUID.randomUUID().toString(), permissions);
	}

	protected String token(String userId, List<String> permissions) {
		return issuer.token().subject(userId).claim("permissions", permissions).validAt(this.clock.instant()).sign();
	}

	protected HttpResponse<String> send(String method, String path, @Nullable Object body, @Nullable String token) {
		return send(method, path, body, token, Map.of());
	}

	protected HttpResponse<String> send(String method, String path, @Nullable Object body, @Nullable String token,
			Map<String, String> headers) {
		if (headers.isEmpty()) {
			return TestHttp.json(this.port, method, path, json(body), token);
		}
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.method(method,
					(body == null) ? HttpRequest.BodyPublishers.noBody()
							: HttpRequest.BodyPublishers.ofString(json(body)))
			.header("Content-Type", "application/json");
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		headers.forEach(request::header);
		return TestHttp.send(request);
	}

	private static @Nullable String json(@Nullable Object body) {
		return (body == null) ? null : (body instanceof String text) ? text : JSON.writeValueAsString(body);
	}

	protected JsonNode enqueue(Map<String, Object> job) {
		HttpResponse<String> response = send("POST", "/api/jobs", job, token(MANAGER));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return JSON.readTree(response.body());
	}

	protected JsonNode job(String id) {
		return JSON.readTree(send("GET", "/api/jobs/" + id, null, token(MANAGER)).body());
	}

	protected long events(String type, String jobId) {
		return this.jdbc.sql("select count(*) from eventing.outbox where type = ? and record_key = ?")
			.params(type, jobId)
			.query(Long.class)
			.single();
	}

	/**
	 * Job types for the tests.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	public static class TestJobs {

		/**
		 * Executions per {@code key} of {@code test.count} jobs, and when each started.
		 */
		public static final Map<String, AtomicInteger> EXECUTIONS = new ConcurrentHashMap<>();

		/** When each {@code test.count} job started. */
		public static final Map<String, Instant> STARTED = new ConcurrentHashMap<>();

		@Bean
		@Primary
		public MutableClock mutableClock() {
			return new MutableClock();
		}

		@Bean
		JobHandler<Map> countingHandler(MutableClock clock) {
			return handler("test.count", Map.class, (payload, context) -> {
				String key = String.valueOf(payload.get("key"));
				STARTED.putIfAbsent(key, Instant.now());
				EXECUTIONS.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
			});
		}

		@Bean
		JobHandler<Map> failingHandler() {
			return handler("test.fail", Map.class, (payload, context) -> {
				throw new IllegalStateException("always fails (attempt " + context.attempt() + ")");
			});
		}

		@Bean
		JobHandler<Map> sleepingHandler() {
			return handler("test.sleep", Map.class,
					(payload, context) -> Thread.sleep(((Number) payload.get("millis")).longValue()));
		}

		@Bean
		JobHandler<Typed> typedHandler() {
			return handler("test.typed", Typed.class, (payload, context) -> {
			});
		}

		private static <T> JobHandler<T> handler(String type, Class<T> payloadType, Body<T> body) {
			return new JobHandler<>() {
				@Override
				public String type() {
					return type;
				}

				@Override
				public Class<T> payloadType() {
					return payloadType;
				}

				@Override
				public void handle(T payload, JobContext context) throws Exception {
					body.run(payload, context);
				}
			};
		}

		interface Body<T> {

			void run(T payload, JobContext context) throws Exception;

		}

		/**
		 * A payload with a typed field.
		 *
		 * @param count a number
		 */
		public record Typed(int count) {
		}

	}

}
