package dev.nori.notification.webhook;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Outbound webhooks.
 *
 * @param allowLoopback whether receivers on loopback addresses are accepted (the local
 * stack of {@code ./nori up} allows them; nothing else does by default)
 * @param allowedHosts host names accepted even though they resolve to private addresses
 * @param disableAfter failed attempts in a row after which an endpoint is disabled and
 * its owner mailed
 * @param maxAttempts attempts per delivery (job-service retries with backoff)
 * @param queue the job-service queue deliveries run on
 * @param maxEndpointsPerOwner endpoints one user may register
 */
@Validated
@ConfigurationProperties("nori.notifications.webhooks")
public record WebhookProperties(@DefaultValue("false") boolean allowLoopback, @Nullable List<String> allowedHosts,
		@DefaultValue("10") @Min(1) @Max(1000) int disableAfter, @DefaultValue("5") @Min(1) @Max(50) int maxAttempts,
		@DefaultValue("webhooks") @NotBlank String queue, @DefaultValue("20") @Min(1) int maxEndpointsPerOwner) {

	/**
	 * Applies the defaults of the optional settings.
	 * @param allowLoopback whether loopback is allowed
	 * @param allowedHosts the allowed hosts
	 * @param disableAfter the failure run that disables
	 * @param maxAttempts attempts per delivery
	 * @param queue the queue
	 * @param maxEndpointsPerOwner endpoints per user
	 */
	public WebhookProperties {
		allowedHosts = (allowedHosts != null) ? List.copyOf(allowedHosts) : List.of();
	}

}
