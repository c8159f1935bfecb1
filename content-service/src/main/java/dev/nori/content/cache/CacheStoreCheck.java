package dev.nori.content.cache;

import java.util.List;

import dev.nori.content.config.ContentProperties;
import dev.nori.servicedefaults.core.production.ProductionCheck;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * A cache in memory is not invalidated across instances: refused under the {@code prod}
 * profile (the {@code auto} store refuses at start if Redis does not answer).
 */
public class CacheStoreCheck implements ProductionCheck {

	@Override
	public List<String> problems(Environment environment) {
		ContentProperties.Cache.Store store = Binder.get(environment)
			.bind("nori.content.cache.store", ContentProperties.Cache.Store.class)
			.orElse(ContentProperties.Cache.Store.AUTO);
		return (store == ContentProperties.Cache.Store.MEMORY)
				? List.of("NORI_CONTENT_CACHE_STORE (nori.content.cache.store) is memory: other instances' changes "
						+ "would not invalidate it; use redis (or none)")
				: List.of();
	}

}
