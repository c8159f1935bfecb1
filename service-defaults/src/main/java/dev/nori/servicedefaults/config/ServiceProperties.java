package dev.nori.servicedefaults.config;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * What makes a service itself, and the limits of its HTTP API.
 *
 * @param apiBase the path the gateway routes to this service, for example
 * {@code /api/content}
 * @param database the suffix of its database name ({@code NORI_DB_PREFIX} comes first),
 * for example {@code content}
 * @param maxRequestSize the largest request body accepted; larger ones get 413
 * @param backgroundDrainTimeout how long shutdown waits for background tasks
 */
@Validated
@ConfigurationProperties("nori.service")
public record ServiceProperties(
		@NotNull @Pattern(regexp = "/api/[a-z][a-z0-9-]*", message = "must look like /api/<name>") String apiBase,
		@NotNull @Pattern(regexp = "[a-z][a-z0-9_]{0,40}",
				message = "must be lower-case letters, digits and underscores") String database,
		@DefaultValue("1MB") @NotNull DataSize maxRequestSize,
		@DefaultValue("20s") @NotNull Duration backgroundDrainTimeout) {
}
