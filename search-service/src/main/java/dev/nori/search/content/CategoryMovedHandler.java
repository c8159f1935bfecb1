package dev.nori.search.content;

import dev.nori.contracts.content.CategoryMoved;
import dev.nori.contracts.event.EventEnvelope;
import dev.nori.contracts.event.EventType;
import dev.nori.eventing.inbox.EventHandler;
import dev.nori.search.engine.SearchEngine;

import org.springframework.stereotype.Component;

/**
 * A category moved: the articles under it get its new path.
 */
@Component
class CategoryMovedHandler implements EventHandler<CategoryMoved> {

	private final SearchEngine engine;

	CategoryMovedHandler(SearchEngine engine) {
		this.engine = engine;
	}

	@Override
	public EventType<CategoryMoved> eventType() {
		return CategoryMoved.TYPE;
	}

	@Override
	public void handle(EventEnvelope<CategoryMoved> event) {
		CategoryPaths.apply(this.engine, event.data().categoryId(), event.data().path());
		this.engine.flush();
	}

}
