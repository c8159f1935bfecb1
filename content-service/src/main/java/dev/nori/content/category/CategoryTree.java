package dev.nori.content.category;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.nori.contracts.content.CategoryRef;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The category table, walked with recursive CTEs: one query per question, whatever the
 * depth. The tree stays acyclic because every structural change holds
 * {@link #lockStructure() the tree lock} while it checks and writes.
 */
@Component
public class CategoryTree {

	/** The guard on every walk: deeper than any configurable tree. */
	private static final int WALK_LIMIT = 100;

	private static final long STRUCTURE_LOCK = 0x6e6f72692d636174L;

	private static final String SUBTREE = "with recursive subtree as (select id, 0 as depth from categories where id = ? "
			+ "union all select c.id, s.depth + 1 from categories c join subtree s on c.parent_id = s.id where s.depth < "
			+ WALK_LIMIT + ") select id from subtree";

	private final JdbcClient jdbc;

	CategoryTree(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Returns an SQL condition that holds for rows whose column names the category or any
	 * category below it; it takes the category id as its one positional parameter.
	 * @param column the column holding a category id
	 * @return the condition, for a {@code where} clause
	 */
	public static String inSubtree(String column) {
		return column + " in (" + SUBTREE + ")";
	}

	/**
	 * Returns a category's path from the root.
	 * @param id the category
	 * @return the category and its ancestors, root first; empty when there is no such
	 * category
	 */
	public List<CategoryRef> path(UUID id) {
		return this.jdbc.sql("""
				with recursive up as (
				  select id, parent_id, slug, name, 0 as distance from categories where id = ?
				  union all
				  select c.id, c.parent_id, c.slug, c.name, up.distance + 1
				  from categories c join up on c.id = up.parent_id where up.distance < %d
				)
				select id, slug, name from up order by distance desc
				""".formatted(WALK_LIMIT))
			.param(id)
			.query((rs, row) -> new CategoryRef(rs.getObject("id", UUID.class), rs.getString("slug"),
					rs.getString("name")))
			.list();
	}

	/**
	 * Returns whether a category exists.
	 * @param id the category
	 * @return whether it exists
	 */
	public boolean exists(UUID id) {
		return this.jdbc.sql("select count(*) from categories where id = ?").param(id).query(Long.class).single() > 0;
	}

	/**
	 * Resolves a category given by id or slug.
	 * @param ref an id or a slug
	 * @return the category's id, if there is one
	 */
	public Optional<UUID> idOf(String ref) {
		try {
			UUID id = UUID.fromString(ref);
			return exists(id) ? Optional.of(id) : Optional.empty();
		}
		catch (IllegalArgumentException ex) {
			return findBySlug(ref).map(Category::id);
		}
	}

	Optional<Category> find(UUID id) {
		return this.jdbc.sql("select * from categories where id = ?")
			.param(id)
			.query(CategoryTree::category)
			.optional();
	}

	Optional<Category> findBySlug(String slug) {
		return this.jdbc.sql("select * from categories where slug = ?")
			.param(slug)
			.query(CategoryTree::category)
			.optional();
	}

	boolean slugTaken(String slug) {
		return this.jdbc.sql("select count(*) from categories where slug = ?")
			.param(slug)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Serializes changes to the tree's shape until the transaction ends: two concurrent
	 * moves could each pass the cycle check and together make a cycle.
	 */
	void lockStructure() {
		this.jdbc.sql("select pg_advisory_xact_lock(?)").param(STRUCTURE_LOCK).query().singleRow();
	}

	/** The number of levels from the root down to the category (a root is 1). */
	int depth(UUID id) {
		return path(id).size();
	}

	/** The levels of the subtree under and including the category (a leaf is 1). */
	int height(UUID id) {
		return this.jdbc.sql("""
				with recursive down as (
				  select id, 1 as level from categories where id = ?
				  union all
				  select c.id, d.level + 1 from categories c join down d on c.parent_id = d.id where d.level < %d
				)
				select max(level) from down
				""".formatted(WALK_LIMIT)).param(id).query(Integer.class).single();
	}

	/** Whether {@code candidate} is the category itself or lies anywhere below it. */
	boolean inSubtreeOf(UUID candidate, UUID root) {
		return this.jdbc.sql("select count(*) from (" + SUBTREE + ") s where s.id = ?")
			.params(root, candidate)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Lists a subtree in depth-first order (siblings by name) with each node's article
	 * counts, in one query.
	 * @param root the subtree's root, or {@code null} for the whole tree
	 * @param maxDepth the deepest level to list, relative to the root
	 */
	List<CategoryNodeView> descendants(@Nullable UUID root, int maxDepth) {
		String start = (root != null)
				? "select id, parent_id, slug, name, 0 as depth, array[id] as ids, "
						+ "array[lower(name), id::text] as sort_path from categories where id = ?"
				: "select id, parent_id, slug, name, 1 as depth, array[id] as ids, "
						+ "array[lower(name), id::text] as sort_path from categories where parent_id is null";
		String sql = """
				with recursive down as (
				  %s
				  union all
				  select c.id, c.parent_id, c.slug, c.name, d.depth + 1, d.ids || c.id,
				         d.sort_path || array[lower(c.name), c.id::text]
				  from categories c join down d on c.parent_id = d.id where d.depth < %d
				),
				direct as (
				  select category_id, count(*) as n from articles
				  where state = 'published' and deleted_at is null and category_id in (select id from down)
				  group by category_id
				),
				totals as (
				  select ancestor, sum(direct.n) as n
				  from down join direct on direct.category_id = down.id
				  cross join lateral unnest(down.ids) as ancestor
				  group by ancestor
				)
				select down.id, down.parent_id, down.slug, down.name, down.depth,
				       coalesce(direct.n, 0) as article_count, coalesce(totals.n, 0) as subtree_count
				from down
				left join direct on direct.category_id = down.id
				left join totals on totals.ancestor = down.id
				where down.depth between 1 and ?
				order by down.sort_path
				""".formatted(start, WALK_LIMIT);
		JdbcClient.StatementSpec statement = this.jdbc.sql(sql);
		statement = (root != null) ? statement.params(root, maxDepth) : statement.params(maxDepth);
		return statement
			.query((rs, row) -> new CategoryNodeView(rs.getObject("id", UUID.class),
					rs.getObject("parent_id", UUID.class), rs.getString("slug"), rs.getString("name"),
					rs.getInt("depth"), rs.getLong("article_count"), rs.getLong("subtree_count")))
			.list();
	}

	long childCount(UUID id) {
		return this.jdbc.sql("select count(*) from categories where parent_id = ?")
			.param(id)
			.query(Long.class)
			.single();
	}

	long publishedArticles(UUID id) {
		return this.jdbc
			.sql("select count(*) from articles where category_id = ? and state = 'published' and deleted_at is null")
			.param(id)
			.query(Long.class)
			.single();
	}

	long publishedArticlesInSubtree(UUID id) {
		return this.jdbc
			.sql("select count(*) from articles where state = 'published' and deleted_at is null and "
					+ inSubtree("category_id"))
			.param(id)
			.query(Long.class)
			.single();
	}

	/** Every article in the category itself, trashed ones included. */
	long allArticles(UUID id) {
		return this.jdbc.sql("select count(*) from articles where category_id = ?")
			.param(id)
			.query(Long.class)
			.single();
	}

	void insert(Category category) {
		this.jdbc.sql("""
				insert into categories (id, parent_id, name, slug, description, created_at, updated_at, version)
				values (?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(category.id(), category.parentId(), category.name(), category.slug(), category.description(),
					Timestamp.from(category.createdAt()), Timestamp.from(category.updatedAt()), category.version())
			.update();
	}

	/** Writes new fields if the stored version is still {@code expectedVersion}. */
	boolean update(Category category, long expectedVersion) {
		return this.jdbc.sql("""
				update categories set parent_id = ?, name = ?, slug = ?, description = ?, updated_at = ?,
				  version = version + 1
				where id = ? and version = ?
				""")
			.params(category.parentId(), category.name(), category.slug(), category.description(),
					Timestamp.from(category.updatedAt()), category.id(), expectedVersion)
			.update() == 1;
	}

	/** Moves the category's children and articles to its parent, then deletes it. */
	List<UUID> deleteMovingContentUp(Category category) {
		this.jdbc.sql("update categories set parent_id = ?, version = version + 1 where parent_id = ?")
			.params(category.parentId(), category.id())
			.update();
		List<UUID> moved = this.jdbc
			.sql("update articles set category_id = ?, version = version + 1 where category_id = ? returning id")
			.params(category.parentId(), category.id())
			.query(UUID.class)
			.list();
		this.jdbc.sql("delete from categories where id = ?").param(category.id()).update();
		return moved;
	}

	List<UUID> children(UUID id) {
		return this.jdbc.sql("select id from categories where parent_id = ? order by lower(name)")
			.param(id)
			.query(UUID.class)
			.list();
	}

	private static Category category(ResultSet rs, int row) throws SQLException {
		return new Category(rs.getObject("id", UUID.class), rs.getObject("parent_id", UUID.class), rs.getString("name"),
				rs.getString("slug"), rs.getString("description"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant(), rs.getLong("version"));
	}

}
