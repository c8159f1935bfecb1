package dev.nori.gateway.identity;

import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * One issuer's public keys, fetched from its JWKS and kept in memory. A token with an
 * unknown {@code kid} triggers a fetch, but never more often than the refetch interval
 * allows: keys rotate without a restart, and random {@code kid}s cannot make the gateway
 * hammer the issuer. Concurrent lookups share one fetch.
 */
final class SigningKeys {

	private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

	private final WebClient client;

	private final URI jwksUri;

	private final Duration refetchInterval;

	private final Duration maxAge;

	private final Duration timeout;

	private final Clock clock;

	private volatile KeySet keys = new KeySet(Map.of(), Instant.MIN);

	private @Nullable Instant lastFetch;

	private @Nullable Mono<KeySet> fetching;

	SigningKeys(WebClient client, URI jwksUri, Duration refetchInterval, Duration maxAge, Duration timeout,
			Clock clock) {
		this.client = client;
		this.jwksUri = jwksUri;
		this.refetchInterval = refetchInterval;
		this.maxAge = maxAge;
		this.timeout = timeout;
		this.clock = clock;
	}

	/**
	 * Finds the verifier of a key.
	 * @param keyId the token's {@code kid}
	 * @return the verifier; empty when the issuer does not publish that key (or was asked
	 * too recently to ask again); an error when the key set cannot be fetched
	 */
	Mono<SigningKey> find(String keyId) {
		KeySet current = this.keys;
		SigningKey known = current.keys().get(keyId);
		Instant now = this.clock.instant();
		if (known != null && now.isBefore(current.fetchedAt().plus(this.maxAge))) {
			return Mono.just(known);
		}
		Mono<KeySet> fetch = fetchIfAllowed(now);
		if (fetch == null) {
			return Mono.justOrEmpty(known);
		}
		return fetch.mapNotNull((fetched) -> fetched.keys().get(keyId)).onErrorResume((ex) -> {
			if (known != null) {
				log.warn("Cannot refresh the keys of {}; using the ones fetched at {}: {}", this.jwksUri,
						current.fetchedAt(), ex.toString());
				return Mono.just(known);
			}
			return Mono.error(new KeysUnavailableException(this.jwksUri, ex));
		});
	}

	private synchronized @Nullable Mono<KeySet> fetchIfAllowed(Instant now) {
		if (this.fetching != null) {
			return this.fetching;
		}
		if (this.lastFetch != null && now.isBefore(this.lastFetch.plus(this.refetchInterval))) {
			return null;
		}
		this.lastFetch = now;
		Mono<KeySet> fetch = this.client.get()
			.uri(this.jwksUri)
			.retrieve()
			.bodyToMono(String.class)
			.timeout(this.timeout)
			.map(this::parse)
			.doOnNext((fetched) -> this.keys = fetched)
			.doFinally((signal) -> fetchDone())
			.cache();
		this.fetching = fetch;
		return fetch;
	}

	private synchronized void fetchDone() {
		this.fetching = null;
	}

	private KeySet parse(String body) {
		JWKSet set;
		try {
			set = JWKSet.parse(body);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("The key set at " + this.jwksUri + " is not a JWKS", ex);
		}
		Map<String, SigningKey> byId = new HashMap<>();
		for (JWK key : set.getKeys()) {
			if (key.getKeyID() == null || (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse()))) {
				continue;
			}
			JWSVerifier verifier = verifier(key);
			if (verifier != null) {
				byId.put(key.getKeyID(), new SigningKey(key, verifier));
			}
		}
		log.debug("Fetched {} signing keys from {}", byId.size(), this.jwksUri);
		return new KeySet(Map.copyOf(byId), this.clock.instant());
	}

	private @Nullable JWSVerifier verifier(JWK key) {
		try {
			if (key instanceof RSAKey rsa) {
				return new RSASSAVerifier(rsa);
			}
			if (key instanceof ECKey ec) {
				return new ECDSAVerifier(ec);
			}
			// symmetric ("oct") keys never verify tokens here
			return null;
		}
		catch (JOSEException ex) {
			log.warn("Ignoring key {} of {}: {}", key.getKeyID(), this.jwksUri, ex.getMessage());
			return null;
		}
	}

	/**
	 * A published key and the verifier made from it once.
	 *
	 * @param key the key as published
	 * @param verifier its signature verifier
	 */
	record SigningKey(JWK key, JWSVerifier verifier) {
	}

	private record KeySet(Map<String, SigningKey> keys, Instant fetchedAt) {
	}

}
