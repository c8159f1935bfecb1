package dev.nori.auth.account;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Lifetimes of the single-use tokens mailed to users.
 *
 * @param verificationTokenTtl how long an email verification link works
 * @param resetTokenTtl how long a password reset link works
 */
@Validated
@ConfigurationProperties("nori.auth.accounts")
public record AccountProperties(@DefaultValue("24h") @NotNull Duration verificationTokenTtl,
		@DefaultValue("30m") @NotNull Duration resetTokenTtl) {
}
