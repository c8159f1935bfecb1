package dev.nori.content.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * content-service settings.
 *
 * @param categories the category tree
 * @param pagination pages and feed cursors
 * @param trash soft-deleted content
 * @param cache cached public reads
 * @param storage where uploaded files are kept
 * @param uploads what uploads are accepted
 */
@Validated
@ConfigurationProperties("nori.content")
public record ContentProperties(@Valid @DefaultValue Categories categories, @Valid @DefaultValue Pagination pagination,
		@Valid @DefaultValue Trash trash, @Valid @DefaultValue Cache cache, @Valid @DefaultValue Storage storage,
		@Valid @DefaultValue Uploads uploads) {

	/**
	 * Where uploaded files are kept.
	 *
	 * @param driver {@code local} (a directory) or {@code s3} (MinIO or any S3 store)
	 * @param localRoot the directory of the {@code local} driver
	 * @param s3 the {@code s3} driver's store
	 * @param downloadTtl how long a presigned download address of the {@code s3} driver
	 * works
	 */
	public record Storage(@DefaultValue("local") @NotNull Driver driver,
			@DefaultValue("var/content/uploads") @NotNull Path localRoot, @Valid @DefaultValue S3 s3,
			@DefaultValue("5m") @NotNull Duration downloadTtl) {

		/** The storage drivers. */
		public enum Driver {

			/** Files under a local directory. */
			LOCAL,
			/** Objects in an S3 bucket. */
			S3

		}

		/**
		 * An S3 store.
		 *
		 * @param endpoint its address
		 * @param region its region
		 * @param bucket the bucket, made at start when missing
		 * @param accessKey the access key
		 * @param secretKey the secret key
		 */
		public record S3(@DefaultValue("http://127.0.0.1:9000") String endpoint,
				@DefaultValue("us-east-1") String region, @DefaultValue("nori-content") String bucket,
				@DefaultValue("") String accessKey, @DefaultValue("") String secretKey) {

			@Override
			public String toString() {
				return "S3[endpoint=" + this.endpoint + ", bucket=" + this.bucket + "]";
			}

		}

	}

	/**
	 * What uploads are accepted.
	 *
	 * @param maxSize the largest file; larger uploads are cut off while streaming (413)
	 * @param quotaPerUser how much one user may store in all
	 * @param types accepted file name extensions and the one media type each must be
	 * declared as and detected as (from {@code png}, {@code jpg}, {@code jpeg},
	 * {@code gif}, {@code pdf}, {@code txt})
	 * @param maxDimension the widest and tallest image accepted, in pixels
	 * @param maxPixels the most pixels an image may have, checked from its header before
	 * it is decoded
	 * @param abandonedAfter uploads still in quarantine after this long (a crash
	 * mid-upload) are removed
	 */
	public record Uploads(@DefaultValue("10MB") @NotNull DataSize maxSize,
			@DefaultValue("100MB") @NotNull DataSize quotaPerUser, @NotNull Map<String, String> types,
			@DefaultValue("10000") @Positive int maxDimension, @DefaultValue("40000000") @Positive long maxPixels,
			@DefaultValue("1h") @NotNull Duration abandonedAfter) {

		/** The media types whose content the service can verify. */
		public static final Set<String> VERIFIABLE = Set.of("image/png", "image/jpeg", "image/gif", "application/pdf",
				"text/plain");

		/**
		 * Checks every accepted type is one the service can verify.
		 * @param maxSize the largest file
		 * @param quotaPerUser the per-user quota
		 * @param types the accepted types
		 * @param maxDimension the widest image
		 * @param maxPixels the most pixels
		 * @param abandonedAfter when quarantined uploads are abandoned
		 */
		public Uploads {
			types = (types != null) ? Map.copyOf(types) : Map.of();
			types.forEach((extension, type) -> {
				if (!VERIFIABLE.contains(type)) {
					throw new IllegalArgumentException("nori.content.uploads.types." + extension + ": " + type
							+ " cannot be verified; use one of " + VERIFIABLE);
				}
			});
		}

	}

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
	 * @param memoryMaxEntries the size bound of the entries kept in memory (least
	 * recently used go first)
	 * @param maxAge the {@code Cache-Control: max-age} of public reads
	 * @param cachedPages how many leading pages of each list are cached
	 * @param generationPoll with Redis, entries are also kept in each process; a change
	 * announced by another instance reaches it in milliseconds, and if an announcement is
	 * lost, this poll finds the change at most this much later
	 */
	public record Cache(@DefaultValue("auto") @NotNull Store store, @DefaultValue("10m") @NotNull Duration ttl,
			@DefaultValue("10000") @Positive int memoryMaxEntries, @DefaultValue("30s") @NotNull Duration maxAge,
			@DefaultValue("3") @Min(0) int cachedPages, @DefaultValue("2s") @NotNull Duration generationPoll) {

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
