package dev.nori.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import dev.nori.launcher.Ports;
import dev.nori.testsupport.TestHttp;
import dev.nori.testsupport.TestHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;

/**
 * Retries for idempotent methods only, and a circuit breaker per service that opens when
 * the service is unreachable and closes again when it is back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "nori.gateway.identity.public-routes=/api/**",
				"nori.gateway.retries=2", "nori.gateway.breaker.sliding-window-size=4",
				"nori.gateway.breaker.minimum-calls=4", "nori.gateway.breaker.failure-rate-threshold=50",
				"nori.gateway.breaker.wait-in-open-state=2s", "nori.gateway.breaker.trial-calls=1",
				"nori.gateway.connect-timeout=400ms" })
class GatewayResilienceIT {

	private static final AtomicInteger calls = new AtomicInteger();

	// answers 503 to every odd call and 200 to every even one
	private static final HttpServer flaky = flakyServer();

	private static final AtomicInteger jobsCalls = new AtomicInteger();

	// where the jobs service is expected; nothing listens there until the test starts it
	private static final int jobsPort = Ports.free();

	private static volatile HttpServer jobs;

	// reads each request and closes the connection without an answer
	private static final Hangup hangup = new Hangup();

	// answers after 1.5 s: longer than Resilience4j's default time limit, within the
	// route's timeout
	private static final HttpServer slow = slowServer();

	// accepts no connection and its backlog is full: a connect hangs (its SYN is dropped)
	private static final BlackHole blackHole = new BlackHole();

	@DynamicPropertySource
	static void routes(DynamicPropertyRegistry registry) {
		registry.add("nori.gateway.services.notifications", () -> "http://127.0.0.1:" + blackHole.port());
		// buckets of their own: the bursts here must not meet other tests' counts
		registry.add("nori.gateway.rate-limit.key-prefix", () -> "test-" + java.util.UUID.randomUUID() + ":");
		registry.add("nori.gateway.services.content", () -> "http://127.0.0.1:" + flaky.getAddress().getPort());
		registry.add("nori.gateway.services.jobs", () -> "http://127.0.0.1:" + jobsPort);
		registry.add("nori.gateway.services.closing", () -> "http://127.0.0.1:" + hangup.port());
		registry.add("nori.gateway.services.search", () -> "http://127.0.0.1:" + slow.getAddress().getPort());
	}

	@AfterAll
	static void stopServers() throws IOException {
		blackHole.close();
		hangup.close();
		flaky.stop(0);
		if (jobs != null) {
			jobs.stop(0);
		}
		slow.stop(0);
	}

	@Autowired
	private Environment environment;

	@Test
	void theBreakerDoesNotCutCallsTheRouteStillAllows() {
		assertThat(TestHttp.get(port(), "/api/search/slow", null).statusCode()).isEqualTo(200);
	}

	// Spring Cloud CircuitBreaker's default bulkhead refused everything past 25
	// calls in flight
	@Test
	void manyConcurrentCallsToOneServiceAllGoThrough() {
		HttpClient client = HttpClient.newHttpClient();
		List<CompletableFuture<HttpResponse<Void>>> responses = IntStream.range(0, 60)
			.mapToObj((i) -> client.sendAsync(TestHttp.get(port(), "/api/search/slow/" + i).build(),
					HttpResponse.BodyHandlers.discarding()))
			.toList();
		assertThat(responses).allSatisfy((response) -> assertThat(response.join().statusCode()).isEqualTo(200));
	}

	@Test
	void aServiceThatDoesNotAcceptConnectionsIsGivenUpOnAfterTheConnectTimeout() {
		Assumptions.assumeTrue(blackHole.hangs(),
				"this machine answers connects to a full backlog at once, so there is no hanging connect to time out");
		long start = System.nanoTime();
		HttpResponse<String> response = TestHttp.get(port(), "/api/notifications/x", null);
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.body()).contains("https://nori.dev/problems/service-unavailable");
		// three attempts of 400 ms and two backoffs; Netty's default alone is 30 s
		assertThat(took).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void onlyIdempotentMethodsAreRetried() {
		calls.set(0);
		HttpResponse<String> get = TestHttp.get(port(), "/api/content/flip", null);
		assertThat(get.statusCode()).isEqualTo(200);
		assertThat(calls.get()).as("calls the service saw for one GET").isEqualTo(2);

		calls.set(0);
		HttpResponse<String> post = TestHttp.send(TestHttp.post(port(), "/api/content/flip", "{}"));
		assertThat(post.statusCode()).isEqualTo(503);
		assertThat(calls.get()).as("calls the service saw for one POST").isEqualTo(1);
	}

	@Test
	void aServiceThatClosesTheConnectionWithoutAnAnswerIsABadGatewayAndAGetIsTriedAgain() {
		int before = hangup.requests();
		HttpResponse<String> get = TestHttp.get(port(), "/api/closing/x", null);
		assertThat(get.statusCode()).isEqualTo(502);
		assertThat(get.body()).contains("https://nori.dev/problems/bad-gateway")
			.contains("closed the connection without an answer");
		assertThat(hangup.requests() - before).as("requests the service saw for one GET").isEqualTo(3);

		before = hangup.requests();
		HttpResponse<String> post = TestHttp.send(TestHttp.post(port(), "/api/closing/x", "{}"));
		assertThat(post.statusCode()).isEqualTo(502);
		assertThat(hangup.requests() - before).as("requests the service saw for one POST").isEqualTo(1);
	}

	@Test
	void theBreakerOpensWhileTheServiceIsUnreachableAndClosesWhenItIsBack() {
		for (int i = 0; i < 4; i++) {
			assertThat(TestHttp.get(port(), "/api/jobs/x", "down-" + i).statusCode()).isEqualTo(503);
		}
		// the service comes up, answering 200 to every call
		jobs = TestHttpServer.start(jobsPort, (exchange) -> {
			jobsCalls.incrementAndGet();
			exchange.getRequestBody().readAllBytes();
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		HttpResponse<String> whileOpen = TestHttp.get(port(), "/api/jobs/x", "open-1");
		assertThat(whileOpen.statusCode()).isEqualTo(503);
		assertThat(whileOpen.body()).contains("https://nori.dev/problems/service-unavailable");
		assertThat(jobsCalls.get()).as("calls let through an open breaker").isZero();

		// after the wait in the open state, one trial call goes through and closes the
		// breaker; a timeout shows the last answer
		await().atMost(Duration.ofSeconds(15))
			.pollDelay(Duration.ofSeconds(2))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> answer(TestHttp.get(port(), "/api/jobs/x", null)), startsWith("200 "));
		assertThat(TestHttp.get(port(), "/api/jobs/x", null).statusCode()).isEqualTo(200);
		assertThat(jobsCalls.get()).as("calls the service saw after the breaker closed").isEqualTo(2);
	}

	private static String answer(HttpResponse<String> response) {
		return response.statusCode() + " " + response.body();
	}

	private int port() {
		return this.environment.getRequiredProperty("local.server.port", Integer.class);
	}

	private static HttpServer slowServer() {
		return TestHttpServer.slow(Duration.ofMillis(1500));
	}

	private static HttpServer flakyServer() {
		return TestHttpServer.start((exchange) -> {
			exchange.getRequestBody().readAllBytes();
			int call = calls.incrementAndGet();
			exchange.sendResponseHeaders((call % 2 == 1) ? 503 : 200, -1);
			exchange.close();
		});
	}

	/**
	 * A service that reads the head of every request and closes the connection without
	 * answering, as one that crashed or restarted mid-request would.
	 */
	private static final class Hangup implements AutoCloseable {

		private final ServerSocket server;

		private final AtomicInteger requests = new AtomicInteger();

		Hangup() {
			try {
				this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Thread.ofPlatform().daemon().name("hangup").start(this::serve);
		}

		private void serve() {
			while (!this.server.isClosed()) {
				try (Socket connection = this.server.accept()) {
					BufferedReader head = new BufferedReader(
							new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
					String line = head.readLine();
					while (line != null && !line.isEmpty()) {
						line = head.readLine();
					}
					this.requests.incrementAndGet();
				}
				catch (IOException ex) {
					// closed by close() (the loop ends) or by the client (it goes on)
				}
			}
		}

		int port() {
			return this.server.getLocalPort();
		}

		int requests() {
			return this.requests.get();
		}

		@Override
		public void close() throws IOException {
			this.server.close();
		}

	}

	/**
	 * A listening socket that never accepts, its backlog filled, so that Linux drops the
	 * SYN of every further connect.
	 */
	private static final class BlackHole implements AutoCloseable {

		private final ServerSocket server;

		private final List<Socket> fillers = new ArrayList<>();

		BlackHole() {
			try {
				this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				for (int i = 0; i < 4; i++) {
					Socket filler = new Socket();
					this.fillers.add(filler);
					try {
						filler.connect(this.server.getLocalSocketAddress(), 200);
					}
					catch (SocketTimeoutException ex) {
						// the backlog is full: what we wanted
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		int port() {
			return this.server.getLocalPort();
		}

		boolean hangs() {
			try (Socket probe = new Socket()) {
				probe.connect(this.server.getLocalSocketAddress(), 300);
				return false;
			}
			catch (SocketTimeoutException ex) {
				return true;
			}
			catch (IOException ex) {
				return false;
			}
		}

		@Override
		public void close() throws IOException {
			for (Socket filler : this.fillers) {
				filler.close();
			}
			this.server.close();
		}

	}

}
