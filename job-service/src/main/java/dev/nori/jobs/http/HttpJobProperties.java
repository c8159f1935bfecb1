package dev.nori.jobs.http;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The {@code http} job type.
 *
 * @param allowedHosts host names that may resolve to private, loopback or link-local
 * addresses (nothing by default)
 * @param allowLoopback whether loopback addresses are allowed (the local stack of
 * {@code ./nori up} allows them, so developers can receive webhooks on their machine)
 * @param secrets signing secrets by name ({@code whsec_…}, base64 after the prefix); jobs
 * name one, so that no secret is stored in a job's payload
 * @param defaultTimeout how long a request may take when the job does not say
 */
@Validated
@ConfigurationProperties("nori.jobs.http")
public record HttpJobProperties(@Nullable List<String> allowedHosts, @DefaultValue("false") boolean allowLoopback,
		@Nullable Map<String, String> secrets, @DefaultValue("10s") @NotNull Duration defaultTimeout) {

	/**
	 * Applies the defaults of the optional settings.
	 * @param allowedHosts the allowed hosts
	 * @param allowLoopback whether loopback is allowed
	 * @param secrets the secrets
	 * @param defaultTimeout the default timeout
	 */
	public HttpJobProperties {
		allowedHosts = (allowedHosts != null) ? List.copyOf(allowedHosts) : List.of();
		secrets = (secrets != null) ? Map.copyOf(secrets) : Map.of();
	}

	@Override
	public String toString() {
		return "HttpJobProperties[allowedHosts=" + this.allowedHosts + ", allowLoopback=" + this.allowLoopback
				+ ", secrets=" + this.secrets.keySet() + "]";
	}

}
