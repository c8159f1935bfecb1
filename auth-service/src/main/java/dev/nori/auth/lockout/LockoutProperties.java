package dev.nori.auth.lockout;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When failed logins lock an account or a client address, and for how long.
 *
 * @param accountFailures failed logins in a row that lock an account
 * @param addressFailures failed logins in a row that lock a client address (higher: many
 * users can share one address)
 * @param schedule how long each successive lock lasts; the last repeats
 * @param forgetAfter how long without failures before the escalation starts over
 * @param keyPrefix the prefix of the Redis keys
 */
@Validated
@ConfigurationProperties("nori.auth.lockout")
public record LockoutProperties(@DefaultValue("5") @Min(1) int accountFailures,
		@DefaultValue("20") @Min(1) int addressFailures, @DefaultValue( {
				"1m", "5m", "15m", "30m", "60m" }) @NotEmpty List<Duration> schedule,
		@DefaultValue("24h") @NotNull Duration forgetAfter,
		@DefaultValue("nori:auth:lockout:") @NotBlank String keyPrefix){

	public LockoutProperties {
		schedule = List.copyOf(schedule);
	}

}
