package dev.nori.auth.social;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How social logins end. Providers themselves are Spring Boot's
 * {@code spring.security.oauth2.client.registration.<id>.*} with the redirect URI
 * {@code <public URL>/api/auth/social/<id>/callback}.
 *
 * @param successRedirect where the browser goes after a login, with a one-time
 * {@code code} to exchange at {@code POST /api/auth/social/exchange}; without it the
 * callback answers with the tokens as JSON
 * @param failureRedirect where the browser goes when a login fails, with
 * {@code error=social_login_failed}; without it the callback answers 401
 * @param codeTtl how long a one-time code can be exchanged
 * @param stateTtl how long a started login may take
 * @param keyPrefix the prefix of the Redis keys
 */
@Validated
@ConfigurationProperties("nori.auth.social")
public record SocialProperties(@Nullable URI successRedirect, @Nullable URI failureRedirect,
		@DefaultValue("60s") @NotNull Duration codeTtl, @DefaultValue("10m") @NotNull Duration stateTtl,
		@DefaultValue("nori:auth:social:") @NotBlank String keyPrefix) {
}
