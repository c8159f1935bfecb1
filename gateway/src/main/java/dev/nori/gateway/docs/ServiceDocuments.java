package dev.nori.gateway.docs;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Fetches every service's OpenAPI document (from
 * {@code <service>/api/<key>/openapi.json}, straight from the service) and merges them,
 * keeping the result for a while.
 */
final class ServiceDocuments {

	private static final Logger log = LoggerFactory.getLogger(ServiceDocuments.class);

	private final WebClient client;

	private final Map<String, URI> services;

	private static final Duration RETRY_MISSING = Duration.ofSeconds(5);

	private final Duration timeout;

	private final OpenApiMerger merger;

	private final Mono<ObjectNode> merged;

	ServiceDocuments(WebClient client, Map<String, URI> services, Duration timeout, Duration cacheFor,
			OpenApiMerger merger) {
		this.client = client;
		this.services = services;
		this.timeout = timeout;
		this.merger = merger;
		// a document that misses a service (down, or slow to build its first document)
		// is asked for again soon rather than served for the whole cache period
		Duration incomplete = (cacheFor.compareTo(RETRY_MISSING) < 0) ? cacheFor : RETRY_MISSING;
		this.merged = Mono.defer(this::fetchAndMerge)
			.cache((document) -> document.has(OpenApiMerger.MISSING) ? incomplete : cacheFor, (error) -> Duration.ZERO,
					() -> Duration.ZERO);
	}

	Mono<ObjectNode> merged() {
		return this.merged;
	}

	private Mono<ObjectNode> fetchAndMerge() {
		return Flux.fromIterable(this.services.keySet().stream().sorted().toList())
			// all at once, so that services that do not answer cost one timeout,
			// not one each
			.flatMapSequential((key) -> fetch(key).map((document) -> Map.entry(key, document)))
			.collectList()
			.map((fetched) -> {
				List<ServiceDocument> documents = new ArrayList<>();
				List<String> missing = new ArrayList<>();
				fetched.forEach((entry) -> entry.getValue()
					.ifPresentOrElse((document) -> documents.add(new ServiceDocument(entry.getKey(), document)),
							() -> missing.add(entry.getKey())));
				return this.merger.merge(documents, missing);
			});
	}

	private Mono<Optional<ObjectNode>> fetch(String key) {
		URI uri = URI.create(this.services.get(key).toString().replaceAll("/+$", "") + "/api/" + key + "/openapi.json");
		return this.client.get()
			.uri(uri)
			.retrieve()
			.bodyToMono(ObjectNode.class)
			.timeout(this.timeout)
			.map(Optional::of)
			.onErrorResume((ex) -> {
				log.info("The OpenAPI document of {} is left out: {} did not hand it over ({})", key, uri,
						ex.toString());
				return Mono.just(Optional.empty());
			})
			.defaultIfEmpty(Optional.empty());
	}

}
