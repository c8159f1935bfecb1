package dev.nori.content.paging;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, with the totals a pager needs.
 *
 * @param items the page's items
 * @param page the page number, from 1
 * @param size the page size asked for
 * @param totalItems how many items the list holds
 * @param totalPages how many pages of this size that makes
 * @param <T> the item type
 */
public record PageView<T>(List<T> items, int page, int size, long totalItems, long totalPages) {

	/**
	 * Makes a page.
	 * @param items the items
	 * @param query the page asked for
	 * @param totalItems how many items the whole list holds
	 * @param <T> the item type
	 * @return the page
	 */
	public static <T> PageView<T> of(List<T> items, PageQuery query, long totalItems) {
		return new PageView<>(items, query.page(), query.size(), totalItems,
				(totalItems + query.size() - 1) / query.size());
	}

	/**
	 * Maps the items.
	 * @param mapper the mapping
	 * @param <R> the new item type
	 * @return the page with mapped items
	 */
	public <R> PageView<R> map(Function<T, R> mapper) {
		return new PageView<>(this.items.stream().map(mapper).toList(), this.page, this.size, this.totalItems,
				this.totalPages);
	}

}
