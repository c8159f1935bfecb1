package dev.nori.auth.token;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import dev.nori.contracts.identity.AccessTokens;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Token lifetimes and signing-key rotation.
 *
 * @param issuer the {@code iss} of every token: the public URL plus {@code /api/auth}
 * @param audience the {@code aud} of access tokens
 * @param accessTokenTtl how long an access token lives
 * @param refreshTokenTtl how long a refresh token lives unused
 * @param sessionMaxAge how long a login lasts however often it is refreshed
 * @param refreshReuseGrace how long a used refresh token may be presented again (two tabs
 * refreshing at once) before that counts as reuse
 * @param keyRotation how long a signing key signs before its successor takes over
 * @param keyPublishAhead how long a new key is published before it signs; longer than any
 * verifier keeps the key set
 */
@Validated
@ConfigurationProperties("nori.auth.tokens")
public record TokenProperties(@NotBlank String issuer, @DefaultValue(AccessTokens.AUDIENCE) @NotBlank String audience,
		@DefaultValue("10m") @NotNull Duration accessTokenTtl, @DefaultValue("14d") @NotNull Duration refreshTokenTtl,
		@DefaultValue("30d") @NotNull Duration sessionMaxAge, @DefaultValue("10s") @NotNull Duration refreshReuseGrace,
		@DefaultValue("30d") @NotNull Duration keyRotation, @DefaultValue("1h") @NotNull Duration keyPublishAhead) {

	@AssertTrue(message = "accessTokenTtl must be between 1 minute and 1 hour")
	boolean isAccessTokenTtlBounded() {
		return this.accessTokenTtl.compareTo(Duration.ofMinutes(1)) >= 0
				&& this.accessTokenTtl.compareTo(Duration.ofHours(1)) <= 0;
	}

	@AssertTrue(
			message = "keyPublishAhead must be at least 20 minutes (verifiers keep key sets 15 minutes) and shorter than keyRotation")
	boolean isPublishAheadValid() {
		return this.keyPublishAhead.compareTo(Duration.ofMinutes(20)) >= 0
				&& this.keyPublishAhead.compareTo(this.keyRotation) < 0;
	}

	@AssertTrue(message = "refreshReuseGrace must be at most 1 minute")
	boolean isGraceBounded() {
		return !this.refreshReuseGrace.isNegative() && this.refreshReuseGrace.compareTo(Duration.ofMinutes(1)) <= 0;
	}

}
