package dev.nori.content.article;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.nori.content.author.AuthorView;
import dev.nori.content.category.CategoryTree;
import dev.nori.content.paging.FeedPosition;
import dev.nori.content.paging.PageQuery;
import dev.nori.contracts.content.CategoryRef;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The articles table. Reads join the author's name and the category; "in a category or
 * below" is one query through the tree's recursive CTE.
 */
@Component
class Articles {

	private static final String SELECT = """
			select a.*, au.display_name as author_name, c.slug as category_slug, c.name as category_name
			from articles a
			join authors au on au.id = a.author_id
			left join categories c on c.id = a.category_id
			""";

	private final JdbcClient jdbc;

	Articles(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Listed> find(UUID id) {
		return this.jdbc.sql(SELECT + " where a.id = ?").param(id).query(Articles::listed).optional();
	}

	Optional<Listed> findBySlug(String slug) {
		return this.jdbc.sql(SELECT + " where a.slug = ? and a.deleted_at is null")
			.param(slug)
			.query(Articles::listed)
			.optional();
	}

	boolean slugTaken(String slug) {
		return this.jdbc.sql("select count(*) from articles where slug = ?").param(slug).query(Long.class).single() > 0;
	}

	void insert(Article article) {
		this.jdbc.sql("""
				insert into articles (id, slug, title, summary, body, body_html, body_text, tags, category_id,
				  author_id, state, published_at, created_at, updated_at, version)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
				""")
			.params(article.id(), article.slug(), article.title(), article.summary(), article.body(),
					article.bodyHtml(), article.bodyText(), article.tags().toArray(String[]::new), article.categoryId(),
					article.authorId(), article.state().value(), timestamp(article.publishedAt()),
					Timestamp.from(article.createdAt()), Timestamp.from(article.updatedAt()))
			.update();
	}

	/**
	 * Writes the article if it is not in the trash and still at {@code expectedVersion}.
	 */
	boolean update(Article article, long expectedVersion) {
		return this.jdbc.sql("""
				update articles set slug = ?, title = ?, summary = ?, body = ?, body_html = ?, body_text = ?, tags = ?,
				  category_id = ?, state = ?, published_at = ?, updated_at = ?, version = version + 1
				where id = ? and version = ? and deleted_at is null
				""")
			.params(article.slug(), article.title(), article.summary(), article.body(), article.bodyHtml(),
					article.bodyText(), article.tags().toArray(String[]::new), article.categoryId(),
					article.state().value(), timestamp(article.publishedAt()), Timestamp.from(article.updatedAt()),
					article.id(), expectedVersion)
			.update() == 1;
	}

	boolean moveToTrash(UUID id, long expectedVersion, Instant now) {
		return this.jdbc
			.sql("update articles set deleted_at = ?, version = version + 1 where id = ? and version = ? "
					+ "and deleted_at is null")
			.params(Timestamp.from(now), id, expectedVersion)
			.update() == 1;
	}

	boolean restore(UUID id, long expectedVersion) {
		return this.jdbc
			.sql("update articles set deleted_at = null, version = version + 1 where id = ? and version = ? "
					+ "and deleted_at is not null")
			.params(id, expectedVersion)
			.update() == 1;
	}

	List<Listed> page(ArticleListQuery query, PageQuery page) {
		Where where = where(query);
		List<Object> params = new ArrayList<>(where.params());
		params.add(page.size());
		params.add(page.offset());
		return this.jdbc
			.sql(SELECT + " where " + where.sql() + " order by " + order(query.sort()) + " limit ? offset ?")
			.params(params)
			.query(Articles::listed)
			.list();
	}

	long count(ArticleListQuery query) {
		Where where = where(query);
		return this.jdbc.sql("select count(*) from articles a where " + where.sql())
			.params(where.params())
			.query(Long.class)
			.single();
	}

	/** Published articles not in the trash, in id order, strictly after an id. */
	List<Listed> publishedAfter(@Nullable UUID after, int size) {
		return this.jdbc
			.sql(SELECT
					+ " where a.state = 'published' and a.deleted_at is null and (cast(? as uuid) is null or a.id > ?)"
					+ " order by a.id limit ?")
			.params(after, after, size)
			.query(Articles::listed)
			.list();
	}

	/** Published articles, newest first, strictly after a position. */
	List<Listed> feed(@Nullable FeedPosition after, int size) {
		if (after == null) {
			return this.jdbc
				.sql(SELECT + " where a.state = 'published' and a.deleted_at is null "
						+ "order by a.published_at desc, a.id desc limit ?")
				.param(size)
				.query(Articles::listed)
				.list();
		}
		return this.jdbc
			.sql(SELECT + " where a.state = 'published' and a.deleted_at is null and (a.published_at, a.id) < (?, ?) "
					+ "order by a.published_at desc, a.id desc limit ?")
			.params(Timestamp.from(after.at()), after.id(), size)
			.query(Articles::listed)
			.list();
	}

	List<Listed> trash(@Nullable String authorId, PageQuery page) {
		String filter = (authorId != null) ? " and a.author_id = ?" : "";
		List<Object> params = new ArrayList<>();
		if (authorId != null) {
			params.add(authorId);
		}
		params.add(page.size());
		params.add(page.offset());
		return this.jdbc
			.sql(SELECT + " where a.deleted_at is not null" + filter
					+ " order by a.deleted_at desc, a.id desc limit ? offset ?")
			.params(params)
			.query(Articles::listed)
			.list();
	}

	long trashCount(@Nullable String authorId) {
		return (authorId != null)
				? this.jdbc.sql("select count(*) from articles where deleted_at is not null and author_id = ?")
					.param(authorId)
					.query(Long.class)
					.single()
				: this.jdbc.sql("select count(*) from articles where deleted_at is not null")
					.query(Long.class)
					.single();
	}

	private static Where where(ArticleListQuery query) {
		StringBuilder sql = new StringBuilder("a.deleted_at is null and a.state = ?");
		List<Object> params = new ArrayList<>();
		params.add(query.state().value());
		if (query.categoryId() != null) {
			sql.append(" and ").append(CategoryTree.inSubtree("a.category_id"));
			params.add(query.categoryId());
		}
		if (query.tag() != null) {
			sql.append(" and a.tags @> array[?]::text[]");
			params.add(query.tag());
		}
		if (query.authorId() != null) {
			sql.append(" and a.author_id = ?");
			params.add(query.authorId());
		}
		return new Where(sql.toString(), params);
	}

	private static String order(String sort) {
		return switch (sort) {
			case "title" -> "lower(a.title), a.id";
			case "updated" -> "a.updated_at desc, a.id desc";
			default -> "a.published_at desc nulls last, a.id desc";
		};
	}

	private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	private static Listed listed(ResultSet rs, int row) throws SQLException {
		UUID categoryId = rs.getObject("category_id", UUID.class);
		Article article = new Article(rs.getObject("id", UUID.class), rs.getString("slug"), rs.getString("title"),
				rs.getString("summary"), rs.getString("body"), rs.getString("body_html"), rs.getString("body_text"),
				tags(rs.getArray("tags")), categoryId, rs.getString("author_id"),
				ArticleState.of(rs.getString("state")), instant(rs.getTimestamp("published_at")),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
				instant(rs.getTimestamp("deleted_at")), rs.getLong("version"));
		CategoryRef category = (categoryId != null)
				? new CategoryRef(categoryId, rs.getString("category_slug"), rs.getString("category_name")) : null;
		return new Listed(article, new AuthorView(article.authorId(), rs.getString("author_name")), category);
	}

	private static List<String> tags(@Nullable Array array) throws SQLException {
		return (array != null) ? Arrays.asList((String[]) array.getArray()) : List.of();
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/**
	 * An article with what its views show beside it.
	 */
	record Listed(Article article, AuthorView author, @Nullable CategoryRef category) {

		ArticleSummary summary() {
			Article a = this.article;
			return new ArticleSummary(a.id(), a.slug(), a.title(), a.summary(), a.tags(), this.category, this.author,
					a.state().value(), a.publishedAt(), a.updatedAt(), a.deletedAt(), a.version());
		}

	}

	private record Where(String sql, List<Object> params) {
	}

}
