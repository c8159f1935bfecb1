package dev.nori.gateway.routing;

import java.time.Duration;

import com.sun.net.httpserver.HttpServer;
import dev.nori.testsupport.TestHttpServer;
import io.netty.handler.timeout.ReadTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The response timeout against a real server that answers after 800 ms: a call that
 * carries a shorter timeout in its context fails with Netty's read timeout; a call
 * without one waits for the answer.
 */
class ResponseTimeoutTest {

	private static final HttpServer slow = TestHttpServer.slow(Duration.ofMillis(800));

	private final HttpClient client = ResponseTimeout.appliedBy(HttpClient.create());

	@AfterAll
	static void stop() {
		slow.stop(0);
	}

	@Test
	void aCallCarryingTheTimeoutFailsWhenNoAnswerComesInTime() {
		Mono<Integer> call = status().contextWrite(new ResponseTimeout(Duration.ofMillis(200)).context());

		// without the timeout the answer would come, 200, after 800 ms
		assertThatThrownBy(() -> call.block(Duration.ofSeconds(5))).isInstanceOf(ReadTimeoutException.class);
	}

	@Test
	void aCallWithoutItWaitsForTheAnswer() {
		assertThat(status().block(Duration.ofSeconds(5))).isEqualTo(200);
	}

	private Mono<Integer> status() {
		return this.client.get()
			.uri("http://127.0.0.1:" + slow.getAddress().getPort() + "/")
			.response()
			.map((response) -> response.status().code());
	}

}
