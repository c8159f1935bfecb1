package dev.nori.search.indexes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.nori.search.content.ContentIndex;
import dev.nori.search.engine.IndexSchema;
import dev.nori.search.engine.QueryText;
import dev.nori.search.engine.SearchEngine;
import dev.nori.search.engine.SearchPage;
import dev.nori.search.engine.SearchQuery;
import dev.nori.servicedefaults.core.problem.FieldViolation;
import dev.nori.servicedefaults.problem.InvalidFieldsException;
import dev.nori.servicedefaults.problem.ProblemException;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/search/indexes/{index}}: generic indexes for other services and
 * applications, as Nori's search dispatcher has. Any JSON object is a document; its
 * string fields (and lists of strings) are searched. Writing needs {@code search.index};
 * searching is public, like content search.
 */
@RestController
class IndexController {

	private static final Pattern INDEX = Pattern.compile("[a-z][a-z0-9-]{0,62}");

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,200}");

	private static final int MAX_FIELDS = 200;

	private final SearchEngine engine;

	IndexController(SearchEngine engine) {
		this.engine = engine;
	}

	@PutMapping("/api/search/indexes/{index}/documents/{id}")
	@PreAuthorize("hasAuthority('search.index')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void put(@PathVariable String index, @PathVariable String id, @RequestBody Map<String, Object> document) {
		check(index, id);
		if (document.size() > MAX_FIELDS) {
			throw new InvalidFieldsException(
					List.of(new FieldViolation("document", "at most " + MAX_FIELDS + " fields")));
		}
		this.engine.ensureIndex(index, IndexSchema.GENERIC);
		this.engine.upsert(index, id, document);
		this.engine.flush();
	}

	@DeleteMapping("/api/search/indexes/{index}/documents/{id}")
	@PreAuthorize("hasAuthority('search.index')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable String index, @PathVariable String id) {
		check(index, id);
		existing(index);
		this.engine.delete(index, id);
		this.engine.flush();
	}

	@GetMapping("/api/search/indexes/{index}")
	Map<String, Object> search(@PathVariable String index, @RequestParam(required = false) @Nullable String q,
			@RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "20") int size) {
		check(index, null);
		List<FieldViolation> problems = new ArrayList<>();
		QueryText text = null;
		try {
			text = QueryText.parse(q);
		}
		catch (InvalidFieldsException ex) {
			problems.addAll(ex.violations());
		}
		if (page < 1) {
			problems.add(new FieldViolation("page", "must be 1 or more"));
		}
		if (size < 1 || size > 50) {
			problems.add(new FieldViolation("size", "must be between 1 and 50"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidFieldsException(problems);
		}
		if ((long) page * size > 10_000) {
			throw new InvalidFieldsException(List.of(new FieldViolation("page", "goes deeper than 10000 results")));
		}
		existing(index);
		SearchPage found = this.engine.search(index,
				new SearchQuery(text.terms(), text.phrases(), Map.of(), null, null, false, (page - 1) * size, size));
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("items",
				found.hits()
					.stream()
					.map((hit) -> Map.of("id", hit.id(), "score", hit.score(), "document", hit.document()))
					.toList());
		answer.put("page", page);
		answer.put("size", size);
		answer.put("totalItems", found.total());
		return answer;
	}

	private void existing(String index) {
		if (!this.engine.exists(index)) {
			throw ProblemException.notFound("No index " + index);
		}
	}

	private static void check(String index, @Nullable String id) {
		List<FieldViolation> problems = new ArrayList<>();
		if (!INDEX.matcher(index).matches()) {
			problems.add(new FieldViolation("index", "must be lower-case letters, digits and hyphens, from a letter"));
		}
		else if (index.equals(ContentIndex.INDEX)) {
			problems.add(new FieldViolation("index", "content is kept from content events; search it at /api/search"));
		}
		if (id != null && !ID.matcher(id).matches()) {
			problems.add(new FieldViolation("id",
					"must be 1 to 200 letters, digits, '_' or '-' (what every engine accepts)"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidFieldsException(problems);
		}
	}

}
