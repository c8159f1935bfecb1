package dev.nori.servicedefaults.security;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.nori.contracts.identity.PermissionKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A user's permissions as they are now, when they changed after their token was issued.
 * auth-service writes them to Redis ({@link PermissionKeys}); an absent key means the
 * token's claim is current. Each answer is kept for at most a second per instance, so a
 * busy user costs one lookup per second. When Redis cannot be read the token's claim is
 * used: it is at most one access-token lifetime old, and the gateway has refused tokens
 * that were revoked.
 */
public class CurrentPermissions {

	private static final Logger log = LoggerFactory.getLogger(CurrentPermissions.class);

	private final StringRedisTemplate redis;

	private final PermissionKeys keys;

	private final Cache<String, Optional<Set<String>>> recent;

	private volatile long lastWarning;

	/**
	 * Creates the lookup.
	 * @param redis where auth-service writes current permissions
	 * @param keys the key scheme
	 * @param cacheFor how long an answer is kept
	 */
	public CurrentPermissions(StringRedisTemplate redis, PermissionKeys keys, Duration cacheFor) {
		this.redis = redis;
		this.keys = keys;
		this.recent = Caffeine.newBuilder().expireAfterWrite(cacheFor).maximumSize(10_000).build();
	}

	/**
	 * Returns a user's current permissions if they changed recently.
	 * @param subject the user's id
	 * @return the current set, or empty when the token's claim is current (or Redis
	 * cannot tell)
	 */
	public Optional<Set<String>> of(String subject) {
		Optional<Set<String>> known = this.recent.getIfPresent(subject);
		if (known != null) {
			return known;
		}
		Optional<Set<String>> current;
		try {
			current = Optional.ofNullable(this.redis.opsForValue().get(this.keys.user(subject)))
				.map(CurrentPermissions::parse);
		}
		catch (DataAccessException ex) {
			warnThrottled(ex);
			return Optional.empty();
		}
		this.recent.put(subject, current);
		return current;
	}

	static Set<String> parse(String value) {
		return Arrays.stream(value.split(" "))
			.filter((permission) -> !permission.isEmpty())
			.collect(Collectors.toUnmodifiableSet());
	}

	private void warnThrottled(DataAccessException ex) {
		long now = System.nanoTime();
		if (now - this.lastWarning > Duration.ofMinutes(1).toNanos()) {
			this.lastWarning = now;
			log.warn("Current permissions cannot be read from Redis; using the tokens' claims: {}", ex.getMessage());
		}
	}

}
