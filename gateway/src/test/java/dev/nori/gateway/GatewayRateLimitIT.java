package dev.nori.gateway;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import com.sun.net.httpserver.HttpServer;
import dev.nori.launcher.ManagedProcess;
import dev.nori.launcher.Ports;
import dev.nori.testsupport.RedisServerProcess;
import dev.nori.testsupport.TestHttp;
import dev.nori.testsupport.TestHttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rate limits in the real Redis (a server of the test's own, which it stops and starts):
 * bursts over a policy get 429 with the rate-limit headers, and an unreachable Redis lets
 * traffic through, counted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "management.server.port=0",
		"nori.gateway.identity.public-routes=/api/**",
		"nori.gateway.rate-limit.policies.tight.pattern=/api/content/tight/**",
		"nori.gateway.rate-limit.policies.tight.capacity=3", "nori.gateway.rate-limit.policies.tight.per-second=0.01",
		"nori.gateway.rate-limit.policies.single.pattern=/api/content/single/**",
		"nori.gateway.rate-limit.policies.single.capacity=1", "nori.gateway.rate-limit.policies.single.per-second=0.01",
		"nori.gateway.rate-limit.policies.shared.pattern=/api/content/shared/**",
		"nori.gateway.rate-limit.policies.shared.capacity=4", "nori.gateway.rate-limit.policies.shared.per-second=0.01",
		"nori.gateway.rate-limit.policies.leased.pattern=/api/content/leased/**",
		"nori.gateway.rate-limit.policies.leased.capacity=100",
		"nori.gateway.rate-limit.policies.leased.per-second=0.01",
		"nori.gateway.rate-limit.policies.posts.pattern=POST /api/content/posted/**",
		"nori.gateway.rate-limit.policies.posts.capacity=1", "nori.gateway.rate-limit.policies.posts.per-second=0.01" })
class GatewayRateLimitIT {

	private static RedisServerProcess redis;

	private static final HttpServer upstream = TestHttpServer.ok();

	private static final String KEY_PREFIX = "test-" + UUID.randomUUID() + ":";

	@BeforeAll
	static void startRedis() {
		redis = RedisServerProcess.startOrSkip();
	}

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.port", () -> redis.port());
		registry.add("nori.gateway.rate-limit.key-prefix", () -> KEY_PREFIX);
		registry.add("nori.gateway.services.content", () -> "http://127.0.0.1:" + upstream.getAddress().getPort());
	}

	@AfterAll
	static void stop() {
		if (redis != null) {
			redis.close();
		}
		upstream.stop(0);
	}

	@Autowired
	private Environment environment;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private ReactiveStringRedisTemplate redisTemplate;

	@Test
	void aBurstOverThePolicyGets429WithRateLimitHeaders() {
		for (int remaining = 2; remaining >= 0; remaining--) {
			HttpResponse<String> allowed = get("/api/content/tight/a");
			assertThat(allowed.statusCode()).isEqualTo(200);
			assertThat(allowed.headers().firstValue("RateLimit-Limit")).hasValue("3");
			assertThat(allowed.headers().firstValue("RateLimit-Remaining")).hasValue(Integer.toString(remaining));
			assertThat(allowed.headers().firstValue("RateLimit-Reset")).isPresent();
		}
		double rejectedBefore = this.meters.get("nori.gateway.ratelimit.rejected")
			.tag("policy", "tight")
			.counter()
			.count();
		HttpResponse<String> refused = get("/api/content/tight/b");
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(this.meters.get("nori.gateway.ratelimit.rejected").tag("policy", "tight").counter().count())
			.isEqualTo(rejectedBefore + 1);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(refused.body()).contains("https://nori.dev/problems/too-many-requests");
		assertThat(refused.headers().firstValue("RateLimit-Remaining")).hasValue("0");
		assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isPositive();

		HttpResponse<String> otherPolicy = get("/api/content/elsewhere");
		assertThat(otherPolicy.statusCode()).isEqualTo(200);
		assertThat(otherPolicy.headers().firstValue("RateLimit-Limit")).hasValue("200");
	}

	@Test
	void aPolicyForOneMethodLeavesTheOthersToTheDefault() {
		assertThat(TestHttp.send(TestHttp.post(port(), "/api/content/posted/x", "{}")).statusCode()).isEqualTo(200);
		assertThat(TestHttp.send(TestHttp.post(port(), "/api/content/posted/x", "{}")).statusCode()).isEqualTo(429);
		for (int i = 0; i < 3; i++) {
			assertThat(get("/api/content/posted/x").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void leasesSaveRoundTripsButNeverAdmitMoreThanTheLimit() {
		for (int i = 0; i < 5; i++) {
			assertThat(get("/api/content/leased/" + i).statusCode()).isEqualTo(200);
		}
		// one round trip took a lease of 10 tokens (a tenth of the bucket) for 5 requests
		String tokens = this.redisTemplate.<String, String>opsForHash()
			.get(KEY_PREFIX + "leased:ip:127.0.0.1", "tokens")
			.block();
		assertThat(Double.parseDouble(tokens)).isBetween(89.0, 91.0);
		// the sixth leaves fewer than half of the lease: the next one is taken ahead, so
		// a steady caller does not wait for Redis when the lease runs out
		assertThat(get("/api/content/leased/5").statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(Double.parseDouble(this.redisTemplate.<String, String>opsForHash()
				.get(KEY_PREFIX + "leased:ip:127.0.0.1", "tokens")
				.block())).isBetween(79.0, 81.0));
		int admitted = 6;
		while (get("/api/content/leased/x").statusCode() == 200) {
			admitted++;
			assertThat(admitted).isLessThanOrEqualTo(100);
		}
		assertThat(admitted).isEqualTo(100);
	}

	@Test
	void aConcurrentBurstSharesOneLeaseInsteadOfEachTakingOne() {
		HttpClient client = HttpClient.newHttpClient();
		List<CompletableFuture<HttpResponse<Void>>> burst = IntStream.range(0, 40)
			.mapToObj((i) -> client.sendAsync(TestHttp.get(port(), "/api/content/burst/" + i).build(),
					HttpResponse.BodyHandlers.discarding()))
			.toList();
		// 40 requests within a bucket of 200: every one is admitted
		assertThat(burst).allSatisfy((response) -> assertThat(response.join().statusCode()).isEqualTo(200));
	}

	@Test
	void withRedisUnreachableTrafficGoesThroughAndIsCounted() {
		assertThat(get("/api/content/single/x").statusCode()).isEqualTo(200);
		assertThat(get("/api/content/single/x").statusCode()).isEqualTo(429);
		double before = this.meters.counter("nori.gateway.ratelimit.unavailable").count();

		redis.stop();
		try {
			HttpResponse<String> degraded = get("/api/content/single/x");
			assertThat(degraded.statusCode()).isEqualTo(200);
			assertThat(degraded.headers().firstValue("RateLimit-Limit")).isEmpty();
			assertThat(this.meters.counter("nori.gateway.ratelimit.unavailable").count()).isGreaterThan(before);
		}
		finally {
			redis.restart();
		}
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(20))
			.until(() -> get("/api/content/single/x").statusCode() == 429);
	}

	@Test
	void bucketsHoldAcrossTwoGatewayProcesses(@TempDir Path logs) {
		int port = Ports.free();
		int managementPort = Ports.free();
		Path jar = executableJar();
		ManagedProcess second = ManagedProcess.start("gateway-2",
				List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m", "-XX:TieredStopAtLevel=1",
						"-jar", jar.toString()),
				Map.of("SERVER_PORT", Integer.toString(port), "MANAGEMENT_SERVER_PORT",
						Integer.toString(managementPort), "SPRING_DATA_REDIS_PORT", Integer.toString(redis.port()),
						"NORI_GATEWAY_RATELIMIT_KEYPREFIX", KEY_PREFIX, "NORI_GATEWAY_IDENTITY_PUBLICROUTES", "/api/**",
						"NORI_GATEWAY_RATELIMIT_POLICIES_SHARED_PATTERN", "/api/content/shared/**",
						"NORI_GATEWAY_RATELIMIT_POLICIES_SHARED_CAPACITY", "4",
						"NORI_GATEWAY_RATELIMIT_POLICIES_SHARED_PERSECOND", "0.01", "NORI_GATEWAY_SERVICES_CONTENT",
						"http://127.0.0.1:" + upstream.getAddress().getPort()),
				logs, logs, logs.resolve("gateway-2.log"));
		try {
			org.awaitility.Awaitility.await()
				.atMost(java.time.Duration.ofSeconds(90))
				.pollInterval(java.time.Duration.ofMillis(500))
				.failFast(() -> assertThat(second.isAlive())
					.as(() -> "the second gateway exited; its log:\n" + logTail(logs.resolve("gateway-2.log")))
					.isTrue())
				.until(() -> readiness(managementPort) == 200);
			assertThat(get("/api/content/shared/1").statusCode()).isEqualTo(200);
			assertThat(TestHttp.get(port, "/api/content/shared/2", null).statusCode()).isEqualTo(200);
			assertThat(get("/api/content/shared/3").statusCode()).isEqualTo(200);
			HttpResponse<String> fourth = TestHttp.get(port, "/api/content/shared/4", null);
			assertThat(fourth.statusCode()).isEqualTo(200);
			assertThat(fourth.headers().firstValue("RateLimit-Remaining")).hasValue("0");
			assertThat(get("/api/content/shared/5").statusCode()).isEqualTo(429);
			assertThat(TestHttp.get(port, "/api/content/shared/6", null).statusCode()).isEqualTo(429);
		}
		finally {
			second.stop(java.time.Duration.ofSeconds(20));
		}
	}

	private static String logTail(Path log) {
		try {
			String text = Files.readString(log);
			return text.substring(Math.max(0, text.length() - 4000));
		}
		catch (IOException ex) {
			return "(unreadable: " + ex + ")";
		}
	}

	private static int readiness(int managementPort) {
		try {
			return TestHttp.get(managementPort, "/actuator/health/readiness", null).statusCode();
		}
		catch (IllegalStateException ex) {
			return 0; // not listening yet
		}
	}

	private static Path executableJar() {
		try (var files = Files.list(Path.of("target"))) {
			return files.filter((file) -> file.getFileName().toString().endsWith("-exec.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("the gateway's executable jar is not built"))
				.toAbsolutePath();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private int port() {
		return this.environment.getRequiredProperty("local.server.port", Integer.class);
	}

	private HttpResponse<String> get(String path) {
		return TestHttp.get(this.environment.getRequiredProperty("local.server.port", Integer.class), path,
				"rl-" + UUID.randomUUID());
	}

}
