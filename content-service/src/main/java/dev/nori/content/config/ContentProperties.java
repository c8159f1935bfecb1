package dev.nori.content.config;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * content-service settings.
 *
 * @param categories the category tree
 * @param pagination pages and feed cursors
 * @param trash soft-deleted content
 * @param cache cached public reads
 */
@Validated
@ConfigurationProperties("nori.content")
public record ContentProperties(@Valid @DefaultValue Categories categories, @Valid @DefaultValue Pagination pagination,
		@Valid @DefaultValue Trash trash, @Valid @DefaultValue Cache cache) {

	/**
	 * The category tree.
	 *
	 * @param maxDepth how many levels the tree may have (a root is level 1)
	 */
	public record Categories(@DefaultValue("10") @Min(1) @Max(64) int maxDepth) {
	}

	/**
	 * Pages and feed cursors.
	 *
	 * @param defaultSize items per page when the request names none
	 * @param maxSize the largest page a request may ask for; larger is refused
	 * @param cursorSecret the key feed cursors are signed with; every instance needs the
	 * same one. Blank: a random key per process (cursors then break across instances and
	 * restarts, logged as a warning)
	 */
	public record Pagination(@DefaultValue("20") @Positive int defaultSize, @DefaultValue("100") @Positive int maxSize,
			@DefaultValue("") String cursorSecret) {
	}

	/**
	 * Soft-deleted content.
	 *
	 * @param retention how long deleted articles and posts stay restorable before they
	 * are purged
	 * @param purgeInterval how often the purge runs
	 */
	public record Trash(@DefaultValue("30d") @NotNull Duration retention,
			@DefaultValue("1h") @NotNull Duration purgeInterval) {
	}

	/**
	 * Cached public reads.
	 *
	 * @param store {@code redis}, {@code memory} (one process only: no invalidation
	 * across instances), {@code none}, or {@code auto}: Redis when it answers at start,
	 * memory with a warning otherwise (refused under the {@code prod} profile)
	 * @param ttl how long an entry lives at most
	 * @param memoryMaxEntries the memory store's size bound (least recently used go
	 * first)
	 * @param maxAge the {@code Cache-Control: max-age} of public reads
	 * @param cachedPages how many leading pages of each list are cached
	 */
	public record Cache(@DefaultValue("auto") @NotNull Store store, @DefaultValue("10m") @NotNull Duration ttl,
			@DefaultValue("10000") @Positive int memoryMaxEntries, @DefaultValue("30s") @NotNull Duration maxAge,
			@DefaultValue("3") @Min(0) int cachedPages) {

		/** Where cached reads live. */
		public enum Store {

			/** Redis when it answers at start, memory otherwise. */
			AUTO,
			/** Redis, shared by every instance. */
			REDIS,
			/** This process's memory. */
			MEMORY,
			/** No caching. */
			NONE

		}

	}

}
