package dev.nori.auth.role;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads and writes roles, their permissions and users' roles.
 */
@Component
public class Roles {

	/** The role whose holders administer everything. */
	public static final String ADMIN = "admin";

	/** The role every registered user gets. */
	public static final String USER = "user";

	private final JdbcClient jdbc;

	Roles(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Returns a user's roles and the permissions they grant.
	 * @param userId the user
	 * @return roles and permissions, each sorted
	 */
	public Grants grantsOf(UUID userId) {
		List<String> roles = this.jdbc.sql("select role from user_roles where user_id = ? order by role")
			.param(userId)
			.query(String.class)
			.list();
		List<String> permissions = this.jdbc.sql("""
				select distinct p.permission from user_roles r join role_permissions p on p.role = r.role
				where r.user_id = ? order by p.permission
				""").param(userId).query(String.class).list();
		return new Grants(roles, permissions);
	}

	/**
	 * Returns the roles of several users, in one query.
	 * @param userIds the users
	 * @return user → roles, each sorted; a user without a role is absent
	 */
	public Map<UUID, List<String>> rolesOf(Collection<UUID> userIds) {
		Map<UUID, List<String>> roles = new HashMap<>();
		this.jdbc.sql("select user_id, role from user_roles where user_id = any(?) order by role")
			.param(userIds.toArray(UUID[]::new))
			.query((rs) -> {
				roles.computeIfAbsent(rs.getObject("user_id", UUID.class), (id) -> new ArrayList<>())
					.add(rs.getString("role"));
			});
		return roles;
	}

	/**
	 * Lists every role with its permissions.
	 * @return roles by name
	 */
	public Map<String, Role> all() {
		Map<String, Role> roles = new LinkedHashMap<>();
		this.jdbc.sql("select name, description from roles order by name")
			.query((rs, row) -> new Role(rs.getString("name"), rs.getString("description"), List.of()))
			.list()
			.forEach((role) -> roles.put(role.name(), role));
		Map<String, TreeSet<String>> permissions = new LinkedHashMap<>();
		this.jdbc.sql("select role, permission from role_permissions").query((rs, row) -> {
			permissions.computeIfAbsent(rs.getString("role"), (name) -> new TreeSet<>())
				.add(rs.getString("permission"));
			return null;
		}).list();
		roles.replaceAll((name, role) -> new Role(name, role.description(),
				List.copyOf(permissions.getOrDefault(name, new TreeSet<>()))));
		return roles;
	}

	boolean exists(String role) {
		return this.jdbc.sql("select count(*) from roles where name = ?").param(role).query(Long.class).single() > 0;
	}

	boolean create(String name, String description) {
		return this.jdbc.sql("insert into roles (name, description) values (?, ?) on conflict do nothing")
			.params(name, description)
			.update() == 1;
	}

	boolean grant(String role, String permission) {
		return this.jdbc.sql("insert into role_permissions (role, permission) values (?, ?) on conflict do nothing")
			.params(role, permission)
			.update() == 1;
	}

	boolean revoke(String role, String permission) {
		return this.jdbc.sql("delete from role_permissions where role = ? and permission = ?")
			.params(role, permission)
			.update() == 1;
	}

	/**
	 * Gives a user a role.
	 * @param userId the user
	 * @param role the role, which must exist
	 * @return whether the user did not have it before
	 */
	public boolean assign(UUID userId, String role) {
		return this.jdbc.sql("insert into user_roles (user_id, role) values (?, ?) on conflict do nothing")
			.params(userId, role)
			.update() == 1;
	}

	boolean unassign(UUID userId, String role) {
		return this.jdbc.sql("delete from user_roles where user_id = ? and role = ?")
			.params(userId, role)
			.update() == 1;
	}

	List<UUID> holders(String role) {
		return this.jdbc.sql("select user_id from user_roles where role = ?").param(role).query(UUID.class).list();
	}

	/**
	 * Tells whether anyone holds the admin role.
	 * @return whether an admin exists
	 */
	public boolean anyAdmin() {
		return this.jdbc.sql("select exists (select 1 from user_roles where role = ?)")
			.param(ADMIN)
			.query(Boolean.class)
			.single();
	}

	/**
	 * A user's roles and what they grant.
	 *
	 * @param roles role names
	 * @param permissions permission strings
	 */
	public record Grants(List<String> roles, List<String> permissions) {
	}

	/**
	 * A role.
	 *
	 * @param name its name
	 * @param description what it is for
	 * @param permissions what it grants
	 */
	public record Role(String name, String description, List<String> permissions) {
	}

}
