package dev.nori.search.meilisearch;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.meilisearch.sdk.Client;
import com.meilisearch.sdk.Config;
import com.meilisearch.sdk.SearchRequest;
import com.meilisearch.sdk.exceptions.MeilisearchApiException;
import com.meilisearch.sdk.model.Settings;
import com.meilisearch.sdk.model.SwapIndexesParams;
import com.meilisearch.sdk.model.Task;
import com.meilisearch.sdk.model.TaskInfo;
import com.meilisearch.sdk.model.TaskStatus;
import dev.nori.search.engine.IndexSchema;
import dev.nori.search.engine.SearchEngine;
import dev.nori.search.engine.SearchPage;
import dev.nori.search.engine.SearchQuery;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code meilisearch}: through the official Java client. Index settings (searchable
 * attributes in weight order, filterable and sortable ones) are applied when an index is
 * first used; writes are queued and sent in batches, and {@link #flush()} sends what is
 * queued and waits for every task it sent, so what the event consumer records as handled
 * is in the index. Documents carry {@code _id} (their id) and {@code _date} (the schema's
 * date as epoch milliseconds, for ranges and sorting).
 */
@Component
@ConditionalOnProperty(name = "nori.search.engine", havingValue = "meilisearch")
@EnableConfigurationProperties(MeilisearchProperties.class)
class MeilisearchEngine implements SearchEngine {

	static final String ID = "_id";

	static final String DATE = "_date";

	// unlikely in any text, then replaced by <mark> once the rest is escaped
	private static final String PRE = "\u0002";

	private static final String POST = "\u0003";

	private final Client client;

	private final MeilisearchProperties properties;

	private final JsonMapper json;

	private final Map<String, IndexSchema> schemas = new ConcurrentHashMap<>();

	private final Map<String, List<Map<String, Object>>> pendingWrites = new LinkedHashMap<>();

	private final Map<String, List<String>> pendingDeletes = new LinkedHashMap<>();

	private final List<Integer> unconfirmed = new ArrayList<>();

	MeilisearchEngine(MeilisearchProperties properties, JsonMapper json) {
		this.properties = properties;
		this.json = json;
		this.client = new Client(new Config(properties.url().toString(), properties.apiKey()));
	}

	@Override
	public String name() {
		return "meilisearch";
	}

	@Override
	public void ensureIndex(String index, IndexSchema schema) {
		this.schemas.computeIfAbsent(index, (name) -> {
			String uid = uid(name);
			if (!existsRemotely(uid)) {
				await(this.client.createIndex(uid, ID));
			}
			await(this.client.index(uid).updateSettings(settings(schema)));
			return schema;
		});
	}

	static Settings settings(IndexSchema schema) {
		Settings settings = new Settings();
		if (!schema.searchable().isEmpty()) {
			settings.setSearchableAttributes(schema.searchable()
				.entrySet()
				.stream()
				.sorted(Map.Entry.<String, Float>comparingByValue()
					.reversed()
					.thenComparing(Map.Entry.comparingByKey()))
				.map(Map.Entry::getKey)
				.toArray(String[]::new));
		}
		List<String> filterable = new ArrayList<>(schema.filterable());
		schema.facets().stream().filter((field) -> !filterable.contains(field)).forEach(filterable::add);
		if (schema.dateField() != null) {
			filterable.add(DATE);
			settings.setSortableAttributes(new String[] { DATE });
		}
		settings.setFilterableAttributes(filterable.stream().sorted().toArray(String[]::new));
		return settings;
	}

	@Override
	public boolean exists(String index) {
		return this.schemas.containsKey(index) || existsRemotely(uid(index));
	}

	private boolean existsRemotely(String uid) {
		try {
			this.client.getIndex(uid);
			return true;
		}
		catch (MeilisearchApiException ex) {
			if ("index_not_found".equals(ex.getCode())) {
				return false;
			}
			throw ex;
		}
	}

	@Override
	public void upsert(String index, String id, Map<String, Object> document) {
		IndexSchema schema = schema(index);
		Map<String, Object> stored = new LinkedHashMap<>(document);
		stored.put(ID, id);
		if (schema.dateField() != null && document.get(schema.dateField()) instanceof String date) {
			try {
				stored.put(DATE, Instant.parse(date).toEpochMilli());
			}
			catch (DateTimeParseException ex) {
				stored.remove(DATE);
			}
		}
		boolean full;
		synchronized (this) {
			List<Map<String, Object>> queued = this.pendingWrites.computeIfAbsent(index, (name) -> new ArrayList<>());
			// a delete queued earlier for the same id must not win over this write
			List<String> deletes = this.pendingDeletes.get(index);
			if (deletes != null && deletes.remove(id)) {
				sendDeletes(index);
			}
			queued.add(stored);
			full = queued.size() >= this.properties.batchSize();
		}
		if (full) {
			synchronized (this) {
				sendWrites(index);
			}
		}
	}

	@Override
	public synchronized void delete(String index, String id) {
		schema(index);
		List<Map<String, Object>> writes = this.pendingWrites.get(index);
		if (writes != null && writes.stream().anyMatch((write) -> id.equals(write.get(ID)))) {
			sendWrites(index);
		}
		this.pendingDeletes.computeIfAbsent(index, (name) -> new ArrayList<>()).add(id);
	}

	@Override
	public synchronized void flush() {
		for (String index : List.copyOf(this.pendingWrites.keySet())) {
			sendWrites(index);
		}
		for (String index : List.copyOf(this.pendingDeletes.keySet())) {
			sendDeletes(index);
		}
		for (Integer task : this.unconfirmed) {
			waitFor(task);
		}
		this.unconfirmed.clear();
	}

	private void sendWrites(String index) {
		List<Map<String, Object>> queued = this.pendingWrites.remove(index);
		if (queued != null && !queued.isEmpty()) {
			TaskInfo task = this.client.index(uid(index)).addDocuments(this.json.writeValueAsString(queued), ID);
			this.unconfirmed.add(task.getTaskUid());
		}
	}

	private void sendDeletes(String index) {
		List<String> queued = this.pendingDeletes.remove(index);
		if (queued != null && !queued.isEmpty()) {
			this.unconfirmed.add(this.client.index(uid(index)).deleteDocuments(queued).getTaskUid());
		}
	}

	@Override
	public void replace(String index, String replacement) {
		flush();
		ensureIndex(index, schema(replacement));
		SwapIndexesParams swap = new SwapIndexesParams().setIndexes(new String[] { uid(index), uid(replacement) });
		await(this.client.swapIndexes(new SwapIndexesParams[] { swap }));
		await(this.client.deleteIndex(uid(replacement)));
		this.schemas.remove(replacement);
	}

	@Override
	public SearchPage search(String index, SearchQuery query) {
		IndexSchema schema = schema(index);
		SearchRequest request = request(query, schema);
		JsonNode answer = this.json.readTree(this.client.index(uid(index)).rawSearch(request));
		return page(answer, schema);
	}

	static SearchRequest request(SearchQuery query, IndexSchema schema) {
		List<String> words = new ArrayList<>(query.terms());
		query.phrases().forEach((phrase) -> words.add("\"" + phrase.replace("\"", "") + "\""));
		SearchRequest request = new SearchRequest(String.join(" ", words));
		List<String> filters = new ArrayList<>();
		query.filters()
			.forEach((field, values) -> filters.add(field + " IN ["
					+ values.stream().map(MeilisearchEngine::quoted).collect(Collectors.joining(", ")) + "]"));
		if (schema.dateField() != null && query.from() != null) {
			filters.add(DATE + " >= " + query.from().toEpochMilli());
		}
		if (schema.dateField() != null && query.to() != null) {
			filters.add(DATE + " <= " + query.to().toEpochMilli());
		}
		if (!filters.isEmpty()) {
			request.setFilter(filters.toArray(String[]::new));
		}
		if (query.newestFirst() && schema.dateField() != null) {
			request.setSort(new String[] { DATE + ":desc" });
		}
		if (query.limit() > 0 && query.offset() % query.limit() == 0) {
			// page mode counts every match exactly
			request.setPage(query.offset() / query.limit() + 1);
			request.setHitsPerPage(query.limit());
		}
		else {
			request.setOffset(query.offset());
			request.setLimit(query.limit());
		}
		if (!schema.facets().isEmpty()) {
			request.setFacets(schema.facets().stream().sorted().toArray(String[]::new));
		}
		if (!schema.highlighted().isEmpty()) {
			String[] highlighted = schema.highlighted().stream().sorted().toArray(String[]::new);
			request.setAttributesToHighlight(highlighted);
			request.setAttributesToCrop(highlighted);
			request.setCropLength(40);
			request.setCropMarker("… ");
			request.setHighlightPreTag(PRE);
			request.setHighlightPostTag(POST);
		}
		request.setShowRankingScore(true);
		return request;
	}

	SearchPage page(JsonNode answer, IndexSchema schema) {
		List<SearchPage.Hit> hits = new ArrayList<>();
		for (JsonNode hit : answer.path("hits")) {
			Map<String, Object> document = new LinkedHashMap<>();
			hit.properties().forEach((field) -> {
				String name = field.getKey();
				if (!name.startsWith("_")) {
					document.put(name, this.json.treeToValue(field.getValue(), Object.class));
				}
			});
			Map<String, String> highlights = new LinkedHashMap<>();
			JsonNode formatted = hit.path("_formatted");
			for (String field : schema.highlighted().stream().sorted().toList()) {
				String text = formatted.path(field).asString(null);
				if (text != null && text.contains(PRE)) {
					highlights.put(field,
							HtmlUtils.htmlEscape(text, "UTF-8").replace(PRE, "<mark>").replace(POST, "</mark>"));
				}
			}
			hits.add(new SearchPage.Hit(hit.path(ID).asString(), (float) hit.path("_rankingScore").asDouble(0),
					document, highlights));
		}
		long total = answer.has("totalHits") ? answer.get("totalHits").asLong()
				: answer.path("estimatedTotalHits").asLong();
		Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
		for (String field : schema.facets()) {
			Map<String, Long> counts = new LinkedHashMap<>();
			answer.path("facetDistribution")
				.path(field)
				.properties()
				.stream()
				.sorted((a, b) -> Long.compare(b.getValue().asLong(), a.getValue().asLong()))
				.limit(20)
				.forEach((entry) -> counts.put(entry.getKey(), entry.getValue().asLong()));
			facets.put(field, counts);
		}
		return new SearchPage(total, hits, facets);
	}

	@Override
	public long count(String index) {
		return this.client.index(uid(index)).getStats().getNumberOfDocuments();
	}

	private IndexSchema schema(String index) {
		IndexSchema schema = this.schemas.get(index);
		if (schema == null) {
			ensureIndex(index, IndexSchema.GENERIC);
			schema = this.schemas.get(index);
		}
		return schema;
	}

	private String uid(String index) {
		return this.properties.indexPrefix() + index;
	}

	private void await(TaskInfo task) {
		waitFor(task.getTaskUid());
	}

	private void waitFor(int task) {
		this.client.index("any").waitForTask(task, (int) this.properties.taskTimeout().toMillis(), 50);
		Task done = this.client.getTask(task);
		if (done.getStatus() == TaskStatus.FAILED) {
			String reason = (done.getError() != null) ? done.getError().getCode() + ": " + done.getError().getMessage()
					: "no reason given";
			// a second creation of an index that exists changes nothing
			if (!reason.startsWith("index_already_exists")) {
				throw new IllegalStateException(
						"Meilisearch task " + task + " (" + done.getType() + ") failed: " + reason);
			}
		}
	}

	// a filter value in single quotes, with quotes and backslashes escaped
	static String quoted(String value) {
		return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
	}

}
