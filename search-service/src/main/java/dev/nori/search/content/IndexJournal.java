package dev.nori.search.content;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Changes written to the index that the engine may not have made durable yet: the
 * database keeps them, in the transaction that records their events as handled, until the
 * engine commits.
 */
@Repository
class IndexJournal {

	private final JdbcClient jdbc;

	IndexJournal(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records changes in the caller's transaction, in one statement.
	 * @return their sequence numbers
	 */
	List<Long> record(String index, List<Entry> entries) {
		if (entries.isEmpty()) {
			return List.of();
		}
		List<Long> seqs = new ArrayList<>();
		this.jdbc.sql("""
				insert into index_journal (index_name, doc_id, version, document)
				select ?, id, version, document
				from unnest(?::text[], ?::bigint[], ?::text[]) with ordinality as given(id, version, document, at)
				order by at
				returning seq
				""")
			.params(index, entries.stream().map(Entry::id).toArray(String[]::new),
					entries.stream().map(Entry::version).toArray(Long[]::new),
					entries.stream().map(Entry::document).toArray(String[]::new))
			.query((row) -> {
				seqs.add(row.getLong("seq"));
			});
		return seqs;
	}

	/**
	 * Returns the changes still recorded that are the newest of their document, oldest
	 * first: what a restart must apply again. An older change of a document, or one
	 * another instance has superseded since, is left out.
	 */
	List<Entry> newest(String index) {
		return this.jdbc.sql("""
				select j.seq, j.doc_id, j.version, j.document from index_journal j
				join indexed_versions v
				  on v.index_name = j.index_name and v.doc_id = j.doc_id and v.version = j.version
				where j.index_name = ?
				order by j.seq
				""")
			.param(index)
			.query((row, number) -> new Entry(row.getLong("seq"), row.getString("doc_id"), row.getLong("version"),
					row.getString("document")))
			.list();
	}

	/** Forgets changes the engine has made durable. */
	void forget(Collection<Long> seqs) {
		if (!seqs.isEmpty()) {
			this.jdbc.sql("delete from index_journal where seq = any(?::bigint[])")
				.param(seqs.toArray(Long[]::new))
				.update();
		}
	}

	/** Returns the last sequence number of an index's changes, 0 when there is none. */
	long last(String index) {
		return this.jdbc.sql("select coalesce(max(seq), 0) from index_journal where index_name = ?")
			.param(index)
			.query(Long.class)
			.single();
	}

	/** Forgets every change of some documents. */
	void forgetDocuments(String index, Collection<String> ids) {
		if (!ids.isEmpty()) {
			this.jdbc.sql("delete from index_journal where index_name = ? and doc_id = any(?::text[])")
				.params(index, ids.toArray(String[]::new))
				.update();
		}
	}

	/** Forgets every change of an index up to a sequence number. */
	void forgetUpTo(String index, long seq) {
		this.jdbc.sql("delete from index_journal where index_name = ? and seq <= ?").params(index, seq).update();
	}

	/**
	 * One change.
	 *
	 * @param seq its sequence number, 0 until recorded
	 * @param id the document
	 * @param version its version
	 * @param document the document as JSON, or {@code null} when the change removed it
	 */
	record Entry(long seq, String id, long version, @Nullable String document) {
	}

}
