package dev.nori.search.content;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What version of each document the index holds.
 */
@Repository
class IndexedVersions {

	private final JdbcClient jdbc;

	IndexedVersions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records a version unless the index holds the same or a newer one; the row stays
	 * locked until the caller's transaction ends, so concurrent events for one document
	 * apply in order.
	 * @return whether the version is newer, and should be applied
	 */
	boolean advance(String index, String id, long version, boolean present, Instant now) {
		return advanceAll(index, List.of(new Change(id, version, present)), now).contains(id);
	}

	/**
	 * Records many versions at once, as {@link #advance} does one by one; rows are locked
	 * in document order, as {@link #lockAll} locks them.
	 * @param changes each document's version, and whether it is present from then on
	 * @return the documents whose version was newer, and should be applied
	 */
	Set<String> advanceAll(String index, Collection<Change> changes, Instant now) {
		List<Change> sorted = changes.stream().sorted(Comparator.comparing(Change::id)).toList();
		Set<String> advanced = new HashSet<>();
		this.jdbc.sql("""
				insert into indexed_versions (index_name, doc_id, version, present, updated_at)
				select ?, id, version, present, ?
				from unnest(?::text[], ?::bigint[], ?::boolean[]) with ordinality as given(id, version, present, at)
				order by at
				on conflict (index_name, doc_id) do update
				set version = excluded.version, present = excluded.present, updated_at = excluded.updated_at
				where indexed_versions.version < excluded.version
				returning doc_id
				""")
			.params(index, Timestamp.from(now), sorted.stream().map(Change::id).toArray(String[]::new),
					sorted.stream().map(Change::version).toArray(Long[]::new),
					sorted.stream().map(Change::present).toArray(Boolean[]::new))
			.query((row) -> {
				advanced.add(row.getString("doc_id"));
			});
		return advanced;
	}

	/**
	 * A document's new version.
	 *
	 * @param id the document
	 * @param version its version
	 * @param present whether it is in the index from then on
	 */
	record Change(String id, long version, boolean present) {
	}

	/**
	 * Locks the rows of some documents for the caller's transaction, adding the missing
	 * ones with the given versions first, and returns every stored version.
	 */
	java.util.Map<String, Long> lockAll(String index, java.util.Map<String, Long> versions, Instant now) {
		String[] ids = versions.keySet().toArray(String[]::new);
		Long[] numbers = versions.values().toArray(Long[]::new);
		this.jdbc.sql("""
				insert into indexed_versions (index_name, doc_id, version, present, updated_at)
				select ?, id, version, true, ? from unnest(?::text[], ?::bigint[]) as given(id, version)
				on conflict do nothing
				""").params(index, Timestamp.from(now), ids, numbers).update();
		java.util.Map<String, Long> stored = new java.util.HashMap<>();
		this.jdbc
			.sql("select doc_id, version from indexed_versions where index_name = ? and doc_id = any(?::text[])"
					+ " order by doc_id for update")
			.params(index, ids)
			.query((row) -> {
				stored.put(row.getString("doc_id"), row.getLong("version"));
			});
		return stored;
	}

	long present(String index) {
		return this.jdbc.sql("select count(*) from indexed_versions where index_name = ? and present")
			.param(index)
			.query(Long.class)
			.single();
	}

}
