package dev.nori.gateway.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import dev.nori.contracts.revocation.RevocationKeys;
import dev.nori.gateway.edge.EdgeCaches;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * The revocations auth-service keeps in Redis: a token is revoked when its {@code jti} is
 * listed, or when it was issued before its user's cut-off. Both are read in one round
 * trip.
 */
final class RevocationList {

	private static final Logger log = LoggerFactory.getLogger(RevocationList.class);

	private final ReactiveStringRedisTemplate redis;

	private final RevocationKeys keys;

	private final Duration timeout;

	// keyed by the token's claims (a record): no string is built per request
	private final @Nullable Cache<VerifiedToken, Boolean> verdicts;

	RevocationList(ReactiveStringRedisTemplate redis, RevocationKeys keys, Duration timeout, Duration cacheFor) {
		this.redis = redis;
		this.keys = keys;
		this.timeout = timeout;
		this.verdicts = cacheFor.isZero() ? null
				: EdgeCaches.builder().maximumSize(100_000).expireAfterWrite(cacheFor).build();
	}

	/**
	 * Tells whether a token is revoked.
	 * @param token the verified token
	 * @return whether it is revoked; an error when Redis cannot be read in time
	 */
	Mono<Boolean> isRevoked(VerifiedToken token) {
		if (this.verdicts == null) {
			return lookup(token);
		}
		Boolean known = this.verdicts.getIfPresent(token);
		if (known != null) {
			return Mono.just(known);
		}
		return lookup(token).doOnNext((revoked) -> this.verdicts.put(token, revoked));
	}

	/**
	 * Tells whether a token is known not to be revoked, from the verdicts held here.
	 * @param token the verified token
	 * @return true only when a recent lookup found it not revoked
	 */
	boolean knownNotRevoked(VerifiedToken token) {
		return this.verdicts != null && Boolean.FALSE.equals(this.verdicts.getIfPresent(token));
	}

	private Mono<Boolean> lookup(VerifiedToken token) {
		List<String> lookup = (token.tokenId() != null)
				? List.of(this.keys.userCutoff(token.subject()), this.keys.token(token.tokenId()))
				: List.of(this.keys.userCutoff(token.subject()));
		return this.redis.opsForValue()
			.multiGet(lookup)
			.timeout(this.timeout)
			.map((values) -> issuedBeforeCutoff(token, values.get(0)) || (values.size() > 1 && values.get(1) != null));
	}

	private boolean issuedBeforeCutoff(VerifiedToken token, @Nullable String cutoff) {
		if (cutoff == null) {
			return false;
		}
		try {
			return token.issuedAt().isBefore(Instant.ofEpochSecond(Long.parseLong(cutoff.trim())));
		}
		catch (NumberFormatException ex) {
			// an unreadable cut-off must not let tokens through
			log.warn("The revocation cut-off of user {} is not an epoch second ('{}'); treating every token as revoked",
					token.subject(), cutoff);
			return true;
		}
	}

}
