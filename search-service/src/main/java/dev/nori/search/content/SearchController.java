package dev.nori.search.content;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.nori.search.engine.QueryText;
import dev.nori.search.engine.SearchEngine;
import dev.nori.search.engine.SearchPage;
import dev.nori.search.engine.SearchQuery;
import dev.nori.servicedefaults.core.problem.FieldViolation;
import dev.nori.servicedefaults.problem.InvalidFieldsException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/search}: published content, by relevance or newest first, with filters,
 * facet counts and highlighted snippets. Public.
 */
@RestController
class SearchController {

	/** The largest page. */
	static final int MAX_SIZE = 50;

	/** How deep paging may go. */
	static final int MAX_DEPTH = 10_000;

	private static final Set<String> PARAMETERS = Set.of("q", "category", "tag", "author", "from", "to", "sort", "page",
			"size");

	private final SearchEngine engine;

	SearchController(SearchEngine engine) {
		this.engine = engine;
	}

	@GetMapping("/api/search")
	Map<String, Object> search(HttpServletRequest request) {
		List<FieldViolation> problems = new ArrayList<>();
		for (String name : request.getParameterMap().keySet()) {
			if (!PARAMETERS.contains(name)) {
				problems
					.add(new FieldViolation(name, "is not a search parameter; these are " + new TreeSet<>(PARAMETERS)));
			}
		}
		QueryText text = null;
		try {
			text = QueryText.parse(request.getParameter("q"));
		}
		catch (InvalidFieldsException ex) {
			problems.addAll(ex.violations());
		}
		Map<String, List<String>> filters = new LinkedHashMap<>();
		for (String filter : List.of("category", "tag", "author")) {
			String[] values = request.getParameterValues(filter);
			if (values != null) {
				List<String> accepted = java.util.Arrays.stream(values).filter((value) -> !value.isBlank()).toList();
				if (accepted.size() > 20 || accepted.stream().anyMatch((value) -> value.length() > 200)) {
					problems.add(new FieldViolation(filter, "at most 20 values of at most 200 characters"));
				}
				else if (!accepted.isEmpty()) {
					filters.put(filter, accepted);
				}
			}
		}
		Instant from = date(request.getParameter("from"), false, "from", problems);
		Instant to = date(request.getParameter("to"), true, "to", problems);
		String sort = (request.getParameter("sort") != null) ? request.getParameter("sort") : "relevance";
		if (!sort.equals("relevance") && !sort.equals("newest")) {
			problems.add(new FieldViolation("sort", "must be relevance or newest"));
		}
		int page = number(request.getParameter("page"), 1, "page", problems);
		int size = number(request.getParameter("size"), 20, "size", problems);
		if (page < 1) {
			problems.add(new FieldViolation("page", "must be 1 or more"));
		}
		if (size < 1 || size > MAX_SIZE) {
			problems.add(new FieldViolation("size", "must be between 1 and " + MAX_SIZE));
		}
		if (page >= 1 && size >= 1 && (long) page * size > MAX_DEPTH) {
			problems.add(new FieldViolation("page", "goes deeper than " + MAX_DEPTH + " results; narrow the query"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidFieldsException(problems);
		}
		SearchPage found = this.engine.search(ContentIndex.INDEX, new SearchQuery(text.terms(), text.phrases(), filters,
				from, to, sort.equals("newest"), (page - 1) * size, size));
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("items", found.hits().stream().map(SearchController::item).toList());
		answer.put("page", page);
		answer.put("size", size);
		answer.put("totalItems", found.total());
		answer.put("facets", found.facets());
		return answer;
	}

	private static Map<String, Object> item(SearchPage.Hit hit) {
		Map<String, Object> document = hit.document();
		Map<String, Object> item = new LinkedHashMap<>();
		item.put("id", hit.id());
		for (String field : List.of("slug", "title", "summary", "tags", "categories", "authorName", "publishedAt")) {
			item.put(field, document.get(field));
		}
		item.put("authorId", document.get("author"));
		item.put("score", hit.score());
		item.put("highlights", hit.highlights());
		return item;
	}

	private static @Nullable Instant date(@Nullable String value, boolean endOfDay, String field,
			List<FieldViolation> problems) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			if (value.length() == 10) {
				LocalDate day = LocalDate.parse(value);
				return endOfDay ? day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1)
						: day.atStartOfDay().toInstant(ZoneOffset.UTC);
			}
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			problems.add(new FieldViolation(field, "must be a date (2026-11-27) or an instant (2026-11-27T10:00:00Z)"));
			return null;
		}
	}

	private static int number(@Nullable String value, int fallback, String field, List<FieldViolation> problems) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			return Integer.parseInt(value.strip());
		}
		catch (NumberFormatException ex) {
			problems.add(new FieldViolation(field, "must be a whole number"));
			return fallback;
		}
	}

}
