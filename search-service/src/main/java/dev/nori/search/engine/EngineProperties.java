package dev.nori.search.engine;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which engine holds the indexes.
 *
 * @param engine {@code lucene} (embedded, one instance per index folder; the default) or
 * {@code meilisearch} (a server shared by every instance); chosen at start
 */
@ConfigurationProperties("nori.search")
public record EngineProperties(@DefaultValue("lucene") Engine engine) {

	/** The engines. */
	public enum Engine {

		/** Lucene in this process, on local disk. */
		LUCENE,
		/** A Meilisearch server. */
		MEILISEARCH

	}

}
