package dev.nori.gateway.session;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Browser sessions at the gateway.
 *
 * @param enabled whether {@code /api/auth/session} is served
 * @param cookieName the session cookie
 * @param secureCookie whether the cookie is marked {@code Secure} (browsers treat
 * {@code http://localhost} as secure, so keep it on unless a test client cannot)
 * @param csrfCookieName the cookie that carries the masked CSRF token to scripts
 * @param csrfHeader the header unsafe requests send the CSRF token in
 * @param authUri auth-service, where logins, refreshes and logouts go
 * @param refreshBefore how long before the access token expires it is refreshed
 * @param timeout how long auth-service may take to answer
 */
@Validated
@ConfigurationProperties("nori.gateway.session")
public record BrowserSessionProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("NORI_SESSION") @NotBlank String cookieName, @DefaultValue("true") boolean secureCookie,
		@DefaultValue("NORI_CSRF") @NotBlank String csrfCookieName,
		@DefaultValue("X-CSRF-Token") @NotBlank String csrfHeader, @NotNull URI authUri,
		@DefaultValue("30s") @NotNull Duration refreshBefore, @DefaultValue("5s") @NotNull Duration timeout) {
}
