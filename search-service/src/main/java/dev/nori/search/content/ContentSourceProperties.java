package dev.nori.search.content;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where a rebuild reads every published article from.
 *
 * @param url content-service's base URL (its internal snapshot pages need the internal
 * secret); set with {@code NORI_CONTENT_URL}
 */
@ConfigurationProperties("nori.search.content")
public record ContentSourceProperties(@DefaultValue("http://127.0.0.1:8082") URI url) {
}
