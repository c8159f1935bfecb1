package dev.nori.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.nori.testsupport.TestTokenIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * WebSockets through a running gateway: {@code /ws/<key>/**} reaches the service's
 * WebSocket endpoint once the handshake carries a valid token, and the session stays open
 * past the HTTP response timeout. Every upgrade here reaches the routing filters on
 * another thread than its connection's, as after a Redis call.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "management.server.port=0",
		"nori.gateway.response-timeout=1s", "nori.gateway.safety.cors.allowed-origins=https://app.example" })
class GatewayWebSocketIT {

	private static final TestTokenIssuer nori = TestTokenIssuer.start("https://nori.test/api/auth");

	// a real WebSocket endpoint: echoes every text frame
	private static final DisposableServer echo = HttpServer.create()
		.host("127.0.0.1")
		.port(0)
		.route((routes) -> routes
			.ws("/ws/notifications/echo",
					(in, out) -> out.sendString(in.receive().asString().map((text) -> "echo:" + text)))
			// answers every message with the Origin its handshake came with,
			// and stays open
			.ws("/ws/notifications/origin",
					(in, out) -> out
						.sendString(in.receive().asString().map((text) -> String.valueOf(in.headers().get("Origin")))))
			.ws("/ws/events", (in, out) -> out.sendString(in.receive().asString().map((text) -> "events:" + text)))
			.ws("/ws/echo", (in, out) -> out.sendString(in.receive().asString().map((text) -> "public:" + text)))
			// a Server-Sent Events stream whose second event comes after
			// the response timeout
			.get("/api/notifications/stream",
					(request, response) -> response.header("Content-Type", "text/event-stream")
						.sendString(Flux.just("data: one\n\n")
							.concatWith(Flux.just("data: two\n\n").delayElements(Duration.ofMillis(1500))))))
		.bindNow();

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("nori.gateway.services.notifications", () -> "http://127.0.0.1:" + echo.port());
		registry.add("nori.gateway.identity.issuers.nori.issuer", nori::issuer);
		registry.add("nori.gateway.identity.issuers.nori.jwks-uri", nori::jwksUri);
	}

	@AfterAll
	static void stop() {
		echo.disposeNow();
		nori.close();
	}

	@Autowired
	private Environment environment;

	@Autowired
	private AtomicInteger upgradesOffTheirChannel;

	@Test
	void aWebSocketWithATokenReachesTheServiceAndOutlivesTheResponseTimeout() throws Exception {
		BlockingQueue<String> received = new LinkedBlockingQueue<>();
		WebSocket socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.header("Authorization", "Bearer " + nori.token().sign())
			.connectTimeout(Duration.ofSeconds(10))
			.buildAsync(uri(), collectInto(received))
			.get(10, TimeUnit.SECONDS);
		socket.sendText("hello", true).get(5, TimeUnit.SECONDS);
		assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("echo:hello");
		// longer than the 1 s response timeout of HTTP calls
		Thread.sleep(1500);
		socket.sendText("still here", true).get(5, TimeUnit.SECONDS);
		assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("echo:still here");
		socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
	}

	@Test
	void aFrameSentTheMomentASocketOpensReachesTheService() throws Exception {
		// the frame was lost in a few opens in a hundred: so many are opened
		for (int i = 0; i < 40; i++) {
			BlockingQueue<String> received = new LinkedBlockingQueue<>();
			WebSocket socket = HttpClient.newHttpClient()
				.newWebSocketBuilder()
				.header("Authorization", "Bearer " + nori.token().sign())
				.buildAsync(uri(), collectInto(received))
				.get(10, TimeUnit.SECONDS);
			socket.sendText("first " + i, true).get(5, TimeUnit.SECONDS);
			assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("echo:first " + i);
			socket.abort();
		}
		assertThat(this.upgradesOffTheirChannel).hasValue(0);
	}

	@Test
	void aClientWithoutAnOriginOpensTheServicesSocketFromThePublicOriginAndABrowsersOriginIsKept() throws Exception {
		BlockingQueue<String> received = new LinkedBlockingQueue<>();
		WebSocket app = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.header("Authorization", "Bearer " + nori.token().sign())
			.buildAsync(URI.create(
					"ws://127.0.0.1:" + this.environment.getProperty("local.server.port") + "/ws/notifications/origin"),
					collectInto(received))
			.get(10, TimeUnit.SECONDS);
		app.sendText("origin?", true).get(5, TimeUnit.SECONDS);
		// not the service's own address, which no service allows
		assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("http://localhost:8080");
		app.abort();
		WebSocket browser = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.header("Authorization", "Bearer " + nori.token().sign())
			.header("Origin", "https://app.example")
			.buildAsync(URI.create(
					"ws://127.0.0.1:" + this.environment.getProperty("local.server.port") + "/ws/notifications/origin"),
					collectInto(received))
			.get(10, TimeUnit.SECONDS);
		browser.sendText("origin?", true).get(5, TimeUnit.SECONDS);
		assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("https://app.example");
		browser.abort();
	}

	@Test
	void aWebSocketHandshakeWithoutATokenIsRefused() {
		assertThatThrownBy(() -> HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.buildAsync(uri(), collectInto(new LinkedBlockingQueue<>()))
			.join()).isInstanceOf(CompletionException.class)
			.cause()
			.isInstanceOfSatisfying(WebSocketHandshakeException.class,
					(ex) -> assertThat(ex.getResponse().statusCode()).isEqualTo(401));
	}

	@Test
	void theEventSocketNeedsATokenAndTheEchoSocketDoesNot() throws Exception {
		BlockingQueue<String> events = new LinkedBlockingQueue<>();
		WebSocket socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.header("Authorization", "Bearer " + nori.token().sign())
			.buildAsync(uri("/ws/events"), collectInto(events))
			.get(10, TimeUnit.SECONDS);
		socket.sendText("subscribe", true).get(5, TimeUnit.SECONDS);
		assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("events:subscribe");
		assertThatThrownBy(() -> HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.buildAsync(uri("/ws/events"), collectInto(new LinkedBlockingQueue<>()))
			.join()).cause()
			.isInstanceOfSatisfying(WebSocketHandshakeException.class,
					(ex) -> assertThat(ex.getResponse().statusCode()).isEqualTo(401));

		BlockingQueue<String> echoed = new LinkedBlockingQueue<>();
		WebSocket echo = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.buildAsync(uri("/ws/echo"), collectInto(echoed))
			.get(10, TimeUnit.SECONDS);
		echo.sendText("hi", true).get(5, TimeUnit.SECONDS);
		assertThat(echoed.poll(10, TimeUnit.SECONDS)).isEqualTo("public:hi");
	}

	@Test
	void anEventStreamOutlivesTheResponseTimeout() throws Exception {
		int port = this.environment.getRequiredProperty("local.server.port", Integer.class);
		HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/notifications/stream"))
				.header("Authorization", "Bearer " + nori.token().sign())
				.build(), HttpResponse.BodyHandlers.ofLines());
		assertThat(response.statusCode()).isEqualTo(200);
		// the second event comes 1.5 s in, past the 1 s response timeout of other calls
		assertThat(response.body().filter((line) -> !line.isEmpty()).limit(2).toList()).containsExactly("data: one",
				"data: two");
	}

	private URI uri(String path) {
		int port = this.environment.getRequiredProperty("local.server.port", Integer.class);
		return URI.create("ws://127.0.0.1:" + port + path);
	}

	private URI uri() {
		int port = this.environment.getRequiredProperty("local.server.port", Integer.class);
		return URI.create("ws://127.0.0.1:" + port + "/ws/notifications/echo");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ThreadHops {

		// what a Redis call before the routing filters does
		@Bean
		@Order(0)
		GlobalFilter socketsContinueOnAnotherThread() {
			return (exchange, chain) -> "websocket".equalsIgnoreCase(exchange.getRequest().getHeaders().getUpgrade())
					? Mono.defer(() -> chain.filter(exchange)).subscribeOn(Schedulers.boundedElastic())
					: chain.filter(exchange);
		}

		@Bean
		AtomicInteger upgradesOffTheirChannel() {
			return new AtomicInteger();
		}

		// just before the WebSocket routing filter upgrades
		@Bean
		@Order(Ordered.LOWEST_PRECEDENCE - 2)
		GlobalFilter upgradeThreadCheck(AtomicInteger upgradesOffTheirChannel) {
			return (exchange, chain) -> {
				if ("websocket".equalsIgnoreCase(exchange.getRequest().getHeaders().getUpgrade())) {
					HttpServerRequest request = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
					request.withConnection((connection) -> {
						if (!connection.channel().eventLoop().inEventLoop()) {
							upgradesOffTheirChannel.incrementAndGet();
						}
					});
				}
				return chain.filter(exchange);
			};
		}

	}

	private static WebSocket.Listener collectInto(BlockingQueue<String> received) {
		return new WebSocket.Listener() {

			@Override
			public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
				received.add(data.toString());
				socket.request(1);
				return null;
			}

		};
	}

}
