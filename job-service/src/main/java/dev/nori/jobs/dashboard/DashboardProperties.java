package dev.nori.jobs.dashboard;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The dashboard's ties to the gateway's browser sessions.
 *
 * @param loginPath where the login form posts (and logout deletes): the gateway's session
 * endpoint
 * @param csrfHeader the header in which the gateway expects the CSRF token
 */
@Validated
@ConfigurationProperties("nori.jobs.dashboard")
record DashboardProperties(@DefaultValue("/api/auth/session") @NotBlank String loginPath,
		@DefaultValue("X-CSRF-Token") @NotBlank String csrfHeader) {
}
