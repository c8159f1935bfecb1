package dev.nori.auth.account;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first administrator, created at start when no admin exists
 * ({@code NORI_BOOTSTRAP_ADMIN_EMAIL}, {@code NORI_BOOTSTRAP_ADMIN_PASSWORD}).
 *
 * @param email the admin's address
 * @param password the admin's password; it must meet the password policy
 */
@ConfigurationProperties("nori.bootstrap.admin")
public record BootstrapAdminProperties(@Nullable String email, @Nullable String password) {
}
