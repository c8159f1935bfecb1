package dev.nori.search.content;

import java.util.List;

import dev.nori.contracts.content.CategoryUpdated;
import dev.nori.contracts.event.EventEnvelope;
import dev.nori.contracts.event.EventType;
import dev.nori.eventing.inbox.EventHandler;
import dev.nori.search.engine.SearchEngine;

import org.springframework.stereotype.Component;

/**
 * A category was renamed (its slug may have changed): the articles under it get its new
 * path.
 */
@Component
class CategoryUpdatedHandler implements EventHandler<CategoryUpdated> {

	private final SearchEngine engine;

	// article changes earlier in the same batch are applied before the
	// paths are rewritten
	private final ContentIndex index;

	CategoryUpdatedHandler(SearchEngine engine, ContentIndex index) {
		this.engine = engine;
		this.index = index;
	}

	@Override
	public EventType<CategoryUpdated> eventType() {
		return CategoryUpdated.TYPE;
	}

	@Override
	public void handle(EventEnvelope<CategoryUpdated> event) {
		this.index.applyPending();
		List<String> changed = CategoryPaths.apply(this.engine, event.data().categoryId(), event.data().path());
		this.engine.flush();
		this.index.durablyRewritten(changed);
	}

}
