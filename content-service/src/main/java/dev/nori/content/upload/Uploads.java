package dev.nori.content.upload;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The uploads table and each user's usage.
 */
@Component
class Uploads {

	private final JdbcClient jdbc;

	Uploads(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insertQuarantined(Upload upload) {
		this.jdbc.sql("""
				insert into uploads (id, owner_id, article_id, file_name, content_type, storage_key, state, created_at)
				values (?, ?, ?, ?, ?, ?, 'quarantined', ?)
				""")
			.params(upload.id(), upload.ownerId(), upload.articleId(), upload.fileName(), upload.contentType(),
					upload.storageKey(), Timestamp.from(upload.createdAt()))
			.update();
	}

	void markReady(UUID id, String storageKey, String contentType, long size, @Nullable Integer width,
			@Nullable Integer height) {
		this.jdbc.sql("""
				update uploads set state = 'ready', storage_key = ?, content_type = ?, size_bytes = ?, width = ?,
				  height = ?
				where id = ? and state = 'quarantined'
				""").params(storageKey, contentType, size, width, height, id).update();
	}

	Optional<Upload> findReady(UUID id) {
		return this.jdbc.sql("select * from uploads where id = ? and state = 'ready'")
			.param(id)
			.query(Uploads::upload)
			.optional();
	}

	List<Upload> readyForArticle(UUID articleId) {
		return this.jdbc.sql("select * from uploads where article_id = ? and state = 'ready' order by created_at, id")
			.param(articleId)
			.query(Uploads::upload)
			.list();
	}

	List<Upload> forArticles(List<UUID> articleIds) {
		if (articleIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("select * from uploads where article_id = any(?)")
			.param(articleIds.toArray(UUID[]::new))
			.query(Uploads::upload)
			.list();
	}

	List<Upload> quarantinedBefore(Instant cutOff) {
		return this.jdbc.sql("select * from uploads where state = 'quarantined' and created_at < ?")
			.param(Timestamp.from(cutOff))
			.query(Uploads::upload)
			.list();
	}

	void delete(UUID id) {
		this.jdbc.sql("delete from uploads where id = ?").param(id).update();
	}

	/**
	 * Adds to a user's usage unless that would pass the quota; returns whether it did.
	 */
	boolean reserve(String ownerId, long bytes, long quota) {
		this.jdbc.sql("insert into upload_usage (owner_id, bytes) values (?, 0) on conflict (owner_id) do nothing")
			.param(ownerId)
			.update();
		return this.jdbc.sql("update upload_usage set bytes = bytes + ? where owner_id = ? and bytes + ? <= ?")
			.params(bytes, ownerId, bytes, quota)
			.update() == 1;
	}

	void release(String ownerId, long bytes) {
		this.jdbc.sql("update upload_usage set bytes = greatest(0, bytes - ?) where owner_id = ?")
			.params(bytes, ownerId)
			.update();
	}

	long usage(String ownerId) {
		return this.jdbc.sql("select coalesce(sum(bytes), 0) from upload_usage where owner_id = ?")
			.param(ownerId)
			.query(Long.class)
			.single();
	}

	private static Upload upload(ResultSet rs, int row) throws SQLException {
		int width = rs.getInt("width");
		Integer w = rs.wasNull() ? null : width;
		int height = rs.getInt("height");
		Integer h = rs.wasNull() ? null : height;
		return new Upload(rs.getObject("id", UUID.class), rs.getString("owner_id"),
				rs.getObject("article_id", UUID.class), rs.getString("file_name"), rs.getString("content_type"),
				rs.getLong("size_bytes"), w, h, rs.getString("storage_key"), rs.getString("state"),
				rs.getTimestamp("created_at").toInstant());
	}

}
