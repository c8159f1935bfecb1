package dev.nori.search.content;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.nori.contracts.content.ArticleSnapshot;
import dev.nori.servicedefaults.internal.InternalSecret;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Reads every published article from content-service's internal snapshot pages.
 */
@Component
@EnableConfigurationProperties(ContentSourceProperties.class)
class ContentSnapshots {

	private static final TypeReference<List<ArticleSnapshot>> PAGE = new TypeReference<>() {
	};

	private final URI base;

	private final InternalSecret secret;

	private final JsonMapper json;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	ContentSnapshots(ContentSourceProperties source, InternalSecret secret, JsonMapper json) {
		this.base = source.url();
		this.secret = secret;
		this.json = json;
	}

	/**
	 * Reads one page.
	 * @param after the last id of the previous page
	 * @param size the page size
	 * @return the page, empty after the last
	 * @throws IOException when content-service cannot be read
	 * @throws InterruptedException when interrupted
	 */
	List<ArticleSnapshot> page(@Nullable UUID after, int size) throws IOException, InterruptedException {
		String secretValue = this.secret.value();
		if (secretValue == null) {
			throw new IOException("NORI_INTERNAL_SECRET is not set: content-service's snapshots cannot be read");
		}
		URI uri = this.base
			.resolve("/internal/content/articles/snapshots?size=" + size + ((after != null) ? "&after=" + after : ""));
		HttpResponse<byte[]> response = this.client.send(HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(30))
			.header(InternalSecret.HEADER, secretValue)
			.GET()
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		if (response.statusCode() != 200) {
			throw new IOException("content-service answered " + response.statusCode() + " for " + uri.getPath());
		}
		return this.json.readerFor(PAGE)
			.without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.readValue(response.body());
	}

}
