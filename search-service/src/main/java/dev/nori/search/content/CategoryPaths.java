package dev.nori.search.content;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import dev.nori.contracts.content.CategoryRef;
import dev.nori.search.engine.SearchEngine;
import dev.nori.search.engine.SearchPage;
import dev.nori.search.engine.SearchQuery;

/**
 * Rewrites the category paths of indexed articles when a category is moved or renamed:
 * every article under it gets the category's new path followed by the rest of its own.
 * Articles keep their versions: a category change is not an article change.
 */
final class CategoryPaths {

	private static final int PAGE = 200;

	private CategoryPaths() {
	}

	/**
	 * Applies a category's new path to every indexed article under it.
	 * @param engine the engine
	 * @param categoryId the changed category
	 * @param path its new path, root first, itself last
	 * @return the ids of the articles that changed
	 */
	static List<String> apply(SearchEngine engine, UUID categoryId, List<CategoryRef> path) {
		String id = categoryId.toString();
		// articles indexed a moment ago are searchable once flushed
		engine.flush();
		List<SearchPage.Hit> under = new ArrayList<>();
		for (int offset = 0;; offset += PAGE) {
			SearchPage page = engine.search(ContentIndex.INDEX, new SearchQuery(List.of(), List.of(),
					Map.of("category", List.of(id)), null, null, false, offset, PAGE));
			under.addAll(page.hits());
			if (page.hits().size() < PAGE) {
				break;
			}
		}
		List<String> changed = new ArrayList<>();
		for (SearchPage.Hit hit : under) {
			Map<String, Object> document = new LinkedHashMap<>(hit.document());
			List<CategoryRef> old = refs(document.get("category"));
			int at = -1;
			for (int i = 0; i < old.size(); i++) {
				if (old.get(i).id().equals(categoryId)) {
					at = i;
				}
			}
			if (at < 0) {
				continue;
			}
			List<CategoryRef> updated = new ArrayList<>(path);
			updated.addAll(old.subList(at + 1, old.size()));
			if (!updated.equals(old)) {
				document.put("categories", updated.stream().map(CategoryRef::slug).toList());
				document.put("category",
						updated.stream()
							.flatMap(
									(category) -> java.util.stream.Stream.of(category.id().toString(), category.slug()))
							.toList());
				engine.upsert(ContentIndex.INDEX, hit.id(), document);
				changed.add(hit.id());
			}
		}
		return changed;
	}

	// the indexed path holds id and slug in turn; names are not indexed
	private static List<CategoryRef> refs(Object indexed) {
		List<CategoryRef> refs = new ArrayList<>();
		if (indexed instanceof List<?> values) {
			for (int i = 0; i + 1 < values.size(); i += 2) {
				refs.add(new CategoryRef(UUID.fromString(Objects.toString(values.get(i))),
						Objects.toString(values.get(i + 1)), Objects.toString(values.get(i + 1))));
			}
		}
		return refs;
	}

}
