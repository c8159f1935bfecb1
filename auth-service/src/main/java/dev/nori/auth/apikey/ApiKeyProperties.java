package dev.nori.auth.apikey;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * API key limits and the exchange for access tokens.
 *
 * @param maxLifetime the longest expiry a key may be given
 * @param exchangedTokenTtl how long an access token exchanged for a key lives
 */
@Validated
@ConfigurationProperties("nori.auth.api-keys")
public record ApiKeyProperties(@DefaultValue("365d") @NotNull Duration maxLifetime,
		@DefaultValue("2m") @NotNull Duration exchangedTokenTtl) {
}
