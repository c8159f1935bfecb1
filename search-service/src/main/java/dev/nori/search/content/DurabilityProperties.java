package dev.nori.search.content;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the content index's changes become durable.
 *
 * @param commitInterval how often the engine commits them; until then the database
 * journal keeps them, and a start after a crash applies them again
 */
@Validated
@ConfigurationProperties("nori.search.durability")
public record DurabilityProperties(@DefaultValue("1s") @NotNull Duration commitInterval) {
}
