package dev.nori.search.lucene;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The embedded Lucene engine.
 *
 * @param directory where the indexes live, one folder each
 * @param language the analyzer of full-text fields: {@code english} (stemming, stop
 * words), {@code german}, {@code french}, {@code spanish} or {@code standard} (no
 * stemming)
 * @param refreshInterval how often new writes become searchable
 * @param commitInterval how often writes are made durable besides the commits the event
 * consumer asks for
 * @param maxConcurrentSearches how many searches run at once, the others waiting their
 * turn; 0 means one and a half per core and one more (4 on two cores)
 * @param searchQueueTimeout how long a search waits for its turn before it is refused
 * with 503
 */
@Validated
@ConfigurationProperties("nori.search.lucene")
public record LuceneProperties(@DefaultValue("var/search") @NotNull Path directory,
		@DefaultValue("english") @Pattern(regexp = "english|german|french|spanish|standard") String language,
		@DefaultValue("100ms") @NotNull Duration refreshInterval, @DefaultValue("5s") @NotNull Duration commitInterval,
		@DefaultValue("0") @Min(0) int maxConcurrentSearches,
		@DefaultValue("5s") @NotNull Duration searchQueueTimeout) {
}
