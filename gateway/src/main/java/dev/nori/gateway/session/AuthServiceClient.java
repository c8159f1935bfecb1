package dev.nori.gateway.session;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Logs in, refreshes and logs out at auth-service on behalf of a browser session.
 */
class AuthServiceClient {

	private final WebClient client;

	private final URI base;

	private final Duration timeout;

	private final Clock clock;

	AuthServiceClient(WebClient client, URI base, Duration timeout, Clock clock) {
		this.client = client;
		this.base = base;
		this.timeout = timeout;
		this.clock = clock;
	}

	/** Logs in; auth-service's answer as it came, for the caller to relay on failure. */
	Mono<Answer> login(String body, String clientAddress, String requestId) {
		return this.client.post()
			.uri(this.base.resolve("/api/auth/login"))
			.contentType(MediaType.APPLICATION_JSON)
			.header("X-Forwarded-For", clientAddress)
			.header("X-Request-ID", requestId)
			.bodyValue(body)
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map((text) -> new Answer(response.statusCode().value(), text,
						response.headers().contentType().orElse(MediaType.APPLICATION_JSON))))
			.timeout(this.timeout);
	}

	Mono<Pair> refresh(String refreshToken) {
		return this.client.post()
			.uri(this.base.resolve("/api/auth/refresh"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("refreshToken", refreshToken))
			.retrieve()
			.bodyToMono(Pair.class)
			.timeout(this.timeout);
	}

	Mono<Void> logout(String accessToken) {
		return this.client.post()
			.uri(this.base.resolve("/api/auth/logout"))
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
			.retrieve()
			.toBodilessEntity()
			.timeout(this.timeout)
			.then();
	}

	java.time.Instant expiresAt(Pair pair) {
		return this.clock.instant().plusSeconds(pair.expiresIn());
	}

	record Answer(int status, String body, MediaType contentType) {
	}

	record Pair(String accessToken, String refreshToken, long expiresIn) {
	}

}
