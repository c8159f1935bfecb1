package dev.nori.content.post;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.nori.content.author.AuthorView;
import dev.nori.content.paging.FeedPosition;
import dev.nori.content.paging.PageQuery;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The posts table. Public reads show posts on their own or on a published article that is
 * not in the trash.
 */
@Component
class Posts {

	private static final String SELECT = """
			select p.*, au.display_name as author_name from posts p join authors au on au.id = p.author_id
			""";

	private static final String PUBLIC = """
			p.deleted_at is null and (p.article_id is null or exists (select 1 from articles a
			  where a.id = p.article_id and a.state = 'published' and a.deleted_at is null))
			""";

	private final JdbcClient jdbc;

	Posts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Listed> find(UUID id) {
		return this.jdbc.sql(SELECT + " where p.id = ?").param(id).query(Posts::listed).optional();
	}

	Optional<Listed> findPublic(UUID id) {
		return this.jdbc.sql(SELECT + " where p.id = ? and " + PUBLIC).param(id).query(Posts::listed).optional();
	}

	/** Whether the article exists, is published and not in the trash. */
	boolean articleIsPublic(UUID articleId) {
		return this.jdbc
			.sql("select count(*) from articles where id = ? and state = 'published' and deleted_at is null")
			.param(articleId)
			.query(Long.class)
			.single() > 0;
	}

	List<Listed> feed(@Nullable UUID articleId, @Nullable FeedPosition after, int size) {
		StringBuilder sql = new StringBuilder(SELECT).append(" where ").append(PUBLIC);
		List<Object> params = new ArrayList<>();
		if (articleId != null) {
			sql.append(" and p.article_id = ?");
			params.add(articleId);
		}
		if (after != null) {
			sql.append(" and (p.created_at, p.id) < (?, ?)");
			params.add(Timestamp.from(after.at()));
			params.add(after.id());
		}
		sql.append(" order by p.created_at desc, p.id desc limit ?");
		params.add(size);
		return this.jdbc.sql(sql.toString()).params(params).query(Posts::listed).list();
	}

	List<Listed> trash(@Nullable String authorId, PageQuery page) {
		List<Object> params = new ArrayList<>();
		String filter = "";
		if (authorId != null) {
			filter = " and p.author_id = ?";
			params.add(authorId);
		}
		params.add(page.size());
		params.add(page.offset());
		return this.jdbc
			.sql(SELECT + " where p.deleted_at is not null" + filter
					+ " order by p.deleted_at desc, p.id desc limit ? offset ?")
			.params(params)
			.query(Posts::listed)
			.list();
	}

	long trashCount(@Nullable String authorId) {
		return (authorId != null)
				? this.jdbc.sql("select count(*) from posts where deleted_at is not null and author_id = ?")
					.param(authorId)
					.query(Long.class)
					.single()
				: this.jdbc.sql("select count(*) from posts where deleted_at is not null").query(Long.class).single();
	}

	void insert(Post post) {
		this.jdbc.sql("""
				insert into posts (id, article_id, author_id, body, created_at, updated_at, version)
				values (?, ?, ?, ?, ?, ?, 0)
				""")
			.params(post.id(), post.articleId(), post.authorId(), post.body(), Timestamp.from(post.createdAt()),
					Timestamp.from(post.updatedAt()))
			.update();
	}

	boolean update(UUID id, String body, Instant now, long expectedVersion) {
		return this.jdbc
			.sql("update posts set body = ?, updated_at = ?, version = version + 1 "
					+ "where id = ? and version = ? and deleted_at is null")
			.params(body, Timestamp.from(now), id, expectedVersion)
			.update() == 1;
	}

	boolean moveToTrash(UUID id, long expectedVersion, Instant now) {
		return this.jdbc
			.sql("update posts set deleted_at = ?, version = version + 1 "
					+ "where id = ? and version = ? and deleted_at is null")
			.params(Timestamp.from(now), id, expectedVersion)
			.update() == 1;
	}

	boolean restore(UUID id, long expectedVersion) {
		return this.jdbc
			.sql("update posts set deleted_at = null, version = version + 1 "
					+ "where id = ? and version = ? and deleted_at is not null")
			.params(id, expectedVersion)
			.update() == 1;
	}

	private static Listed listed(ResultSet rs, int row) throws SQLException {
		Timestamp deleted = rs.getTimestamp("deleted_at");
		Post post = new Post(rs.getObject("id", UUID.class), rs.getObject("article_id", UUID.class),
				rs.getString("author_id"), rs.getString("body"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant(), (deleted != null) ? deleted.toInstant() : null,
				rs.getLong("version"));
		return new Listed(post, new AuthorView(post.authorId(), rs.getString("author_name")));
	}

	/** A post with its author's name. */
	record Listed(Post post, AuthorView author) {

		PostView view() {
			Post p = this.post;
			return new PostView(p.id(), p.articleId(), this.author, p.body(), p.createdAt(), p.updatedAt(),
					p.deletedAt(), p.version());
		}

	}

}
