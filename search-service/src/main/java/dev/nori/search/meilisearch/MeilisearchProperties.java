package dev.nori.search.meilisearch;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Meilisearch engine.
 *
 * @param url the server
 * @param apiKey its master or an admin API key
 * @param taskTimeout how long to wait for a task where consistency needs it (settings,
 * the writes a flush covers, a swap)
 * @param batchSize writes sent to the server in one request
 * @param indexPrefix put before every index name, so that several installations can share
 * one server
 */
@Validated
@ConfigurationProperties("nori.search.meilisearch")
public record MeilisearchProperties(@DefaultValue("http://127.0.0.1:7700") @NotNull URI url, @Nullable String apiKey,
		@DefaultValue("30s") @NotNull Duration taskTimeout, @DefaultValue("1000") @Min(1) @Max(100000) int batchSize,
		@DefaultValue("") String indexPrefix) {

	@Override
	public String toString() {
		return "MeilisearchProperties[url=" + this.url + ", indexPrefix=" + this.indexPrefix + "]";
	}

}
