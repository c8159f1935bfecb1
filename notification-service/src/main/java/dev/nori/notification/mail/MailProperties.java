package dev.nori.notification.mail;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How mail leaves the platform.
 *
 * @param driver the driver's name: {@code log} (the local default), {@code smtp}
 * (configured with {@code spring.mail.*}) or {@code http}
 * @param from the sender, for example {@code Nori <no-reply@example.com>}
 * @param productName how templates name the product
 * @param log the {@code log} driver
 * @param http the {@code http} driver
 * @param delivery retries and dead letters
 */
@Validated
@ConfigurationProperties("nori.notifications.mail")
public record MailProperties(@DefaultValue("log") @NotBlank String driver,
		@DefaultValue("Nori <no-reply@localhost>") @NotBlank String from,
		@DefaultValue("Nori") @NotBlank String productName, @Valid @DefaultValue Log log,
		@Valid @DefaultValue Http http, @Valid @DefaultValue Delivery delivery) {

	/**
	 * The {@code log} driver.
	 *
	 * @param directory where each message is written as an {@code .eml} file
	 */
	public record Log(@DefaultValue("var/mail") @NotNull Path directory) {
	}

	/**
	 * The {@code http} driver: a JSON mail API in the style of Resend. The body is
	 * {@code {"from", "to": [..], "subject", "html", "text"}}, with field names renamed
	 * by {@code fields}.
	 *
	 * @param url where to POST
	 * @param apiKey sent as {@code Authorization: Bearer <key>}
	 * @param fields renamed body fields, for example {@code html: html_body}
	 * @param timeout how long one request may take
	 */
	public record Http(@Nullable URI url, @Nullable String apiKey, @Nullable Map<String, String> fields,
			@DefaultValue("10s") @NotNull Duration timeout) {

		/**
		 * Applies the defaults of the optional settings.
		 * @param url the URL
		 * @param apiKey the key
		 * @param fields the renamed fields
		 * @param timeout the timeout
		 */
		public Http {
			fields = (fields != null) ? Map.copyOf(fields) : Map.of();
		}

		@Override
		public String toString() {
			return "Http[url=" + this.url + ", fields=" + this.fields + "]";
		}

	}

	/**
	 * Retries: a mail that was not accepted is tried again after a growing pause (with
	 * jitter) until {@code maxAttempts}; then it is dead, with the reason.
	 *
	 * @param maxAttempts tries in all
	 * @param initialBackoff the pause after the first failure
	 * @param maxBackoff the longest pause
	 * @param pollInterval how often due mail is looked for when nothing woke the sender
	 * @param lease how long a sender holds a mail it is sending before another may try
	 * @param batchSize mails claimed at once
	 */
	public record Delivery(@DefaultValue("12") @Min(1) @Max(100) int maxAttempts,
			@DefaultValue("2s") @NotNull Duration initialBackoff, @DefaultValue("5m") @NotNull Duration maxBackoff,
			@DefaultValue("1s") @NotNull Duration pollInterval, @DefaultValue("2m") @NotNull Duration lease,
			@DefaultValue("20") @Min(1) @Max(500) int batchSize) {
	}

}
