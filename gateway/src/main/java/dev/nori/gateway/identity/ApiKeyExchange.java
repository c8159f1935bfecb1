package dev.nori.gateway.identity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Exchanges an API key for a short access token at auth-service, and reuses the answer
 * for the same key for a few seconds. Keys are held only as their SHA-256; concurrent
 * requests with one key share one exchange; refusals are not kept.
 */
class ApiKeyExchange {

	static final String SECRET_HEADER = "X-Nori-Internal-Secret";

	private final WebClient client;

	private final URI exchangeUri;

	private final String secret;

	private final Duration timeout;

	private final AsyncCache<String, String> tokens;

	ApiKeyExchange(WebClient client, URI exchangeUri, String secret, Duration cacheFor, Duration timeout) {
		this.client = client;
		this.exchangeUri = exchangeUri;
		this.secret = secret;
		this.timeout = timeout;
		this.tokens = Caffeine.newBuilder().expireAfterWrite(cacheFor).maximumSize(10_000).buildAsync();
	}

	/**
	 * Returns an access token standing for an API key.
	 * @param key the key as the client sent it
	 * @return the token; {@link InvalidTokenException} when auth-service refuses the key,
	 * {@link KeysUnavailableException} when it cannot be asked
	 */
	Mono<String> accessToken(String key) {
		return Mono.fromFuture(() -> this.tokens.get(fingerprint(key), (fingerprint, executor) -> exchange(key)));
	}

	private CompletableFuture<String> exchange(String key) {
		return this.client.post()
			.uri(this.exchangeUri)
			.header(SECRET_HEADER, this.secret)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("key", key))
			.retrieve()
			.bodyToMono(Exchanged.class)
			.timeout(this.timeout)
			.map(Exchanged::accessToken)
			.onErrorMap(WebClientResponseException.class,
					(ex) -> (ex.getStatusCode().value() == HttpStatus.UNAUTHORIZED.value())
							? new InvalidTokenException("the API key is unknown, revoked or expired")
							: new KeysUnavailableException("API key exchange answered " + ex.getStatusCode().value()))
			.onErrorMap((ex) -> !(ex instanceof InvalidTokenException) && !(ex instanceof KeysUnavailableException),
					(ex) -> new KeysUnavailableException("API key exchange failed: " + ex))
			.toFuture();
	}

	private static String fingerprint(String key) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	record Exchanged(String accessToken) {
	}

}
