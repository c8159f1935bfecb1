package dev.nori.content.paging;

/**
 * A page asked for, already checked against the limits.
 *
 * @param page the page number, from 1
 * @param size items per page
 */
public record PageQuery(int page, int size) {

	/**
	 * Returns the number of items before this page.
	 * @return the SQL offset
	 */
	public long offset() {
		return (long) (this.page - 1) * this.size;
	}

}
