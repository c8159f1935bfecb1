package dev.nori.eventing.config;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the event backbone.
 *
 * @param source the CloudEvents {@code source} of events this service publishes; defaults
 * to {@code /nori/<spring.application.name>}
 * @param relay how the outbox relay publishes
 * @param consumer how events are consumed
 */
@Validated
@ConfigurationProperties("nori.eventing")
public record EventingProperties(@Nullable String source, @Valid @DefaultValue Relay relay,
		@Valid @DefaultValue Consumer consumer) {

	/**
	 * The outbox relay.
	 *
	 * @param enabled whether this process publishes the outbox (exactly one relay is
	 * active per database at a time, whatever this says)
	 * @param pollInterval how often to look for unpublished events when no commit woke
	 * the relay
	 * @param batchSize the most events published in one round
	 * @param sendTimeout how long to wait for the broker to acknowledge a batch
	 * @param retention how long published events stay in the outbox table
	 */
	public record Relay(@DefaultValue("true") boolean enabled, @DefaultValue("1s") @NotNull Duration pollInterval,
			@DefaultValue("500") @Min(1) @Max(10000) int batchSize, @DefaultValue("30s") @NotNull Duration sendTimeout,
			@DefaultValue("7d") @NotNull Duration retention) {
	}

	/**
	 * Event consumption.
	 *
	 * @param groupId the Kafka consumer group; defaults to
	 * {@code spring.application.name}
	 * @param maxAttempts how often a failing record is tried before it goes to the
	 * dead-letter topic
	 * @param initialBackoff the pause before the first retry
	 * @param multiplier how much each pause grows
	 * @param maxBackoff the longest pause between retries
	 * @param concurrency consumer threads per service instance
	 * @param inboxRetention how long handled event ids are remembered; keep it longer
	 * than the topics' retention, so that no redelivery can outlive it
	 */
	public record Consumer(@Nullable String groupId, @DefaultValue("4") @Min(1) @Max(20) int maxAttempts,
			@DefaultValue("500ms") @NotNull Duration initialBackoff,
			@DefaultValue("2.0") @DecimalMin("1.0") double multiplier,
			@DefaultValue("10s") @NotNull Duration maxBackoff, @DefaultValue("1") @Min(1) @Max(64) int concurrency,
			@DefaultValue("30d") @NotNull Duration inboxRetention) {
	}

}
