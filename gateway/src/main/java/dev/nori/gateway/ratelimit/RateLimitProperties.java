package dev.nori.gateway.ratelimit;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Rate limits: a token bucket per policy and client.
 *
 * @param enabled whether requests are limited at all
 * @param backend {@code redis} (shared by every gateway instance) or {@code memory} (this
 * instance only; for local use, refused with the {@code prod} profile)
 * @param keyPrefix prefix of the Redis keys
 * @param maxLease the most tokens one Redis round trip may take for a caller, to admit
 * that caller's next requests without asking again (never more than a tenth of the
 * bucket; 1 asks Redis on every request). A caller's first lease is 20 tokens at most,
 * and grows towards this while the caller spends its leases within 100 ms. Never admits
 * more than the limit; with several instances a caller may be refused slightly early.
 * @param defaults the policy of paths no other policy matches (200 at once, 50 per
 * second)
 * @param policies stricter or looser policies by name, each for a path pattern,
 * optionally after methods (for example {@code login: {pattern: /api/auth/login,
 * capacity: 5, per-second: 0.1}} or {@code pattern: "POST /api/auth/session"})
 */
@Validated
@ConfigurationProperties("nori.gateway.rate-limit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("redis") @NotNull Backend backend, @DefaultValue("nori:ratelimit:") @NotBlank String keyPrefix,
		@DefaultValue("200") @Min(1) @Max(1000) int maxLease, @Valid @Nullable Policy defaults,
		@Nullable Map<String, @Valid Policy> policies) {

	/**
	 * The policy of paths no other policy matches, unless configured: 200 at once, 50 per
	 * second.
	 */
	public static final Policy DEFAULT_POLICY = new Policy("/**", 200, 50);

	public RateLimitProperties {
		defaults = (defaults != null) ? defaults : DEFAULT_POLICY;
		policies = (policies != null) ? Map.copyOf(policies) : Map.of();
	}

	/** Where buckets live. */
	public enum Backend {

		/** Redis, shared by every gateway instance. */
		REDIS,

		/** This instance's memory: for local use only. */
		MEMORY

	}

	/**
	 * One limit.
	 *
	 * @param pattern the paths it applies to (Spring path pattern)
	 * @param capacity the burst a client may send at once
	 * @param perSecond how many requests per second a client may sustain
	 */
	public record Policy(@NotBlank String pattern, @Min(1) int capacity, @DecimalMin("0.001") double perSecond) {
	}

}
