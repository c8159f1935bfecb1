package dev.nori.auth.role;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.nori.auth.revocation.Revocations;
import dev.nori.auth.user.Users;
import dev.nori.contracts.auth.PermissionsChanged;
import dev.nori.eventing.outbox.Outbox;
import dev.nori.servicedefaults.audit.AuditLog;
import dev.nori.servicedefaults.problem.ProblemException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Changes roles and permissions. Each change commits with its audit record and a
 * {@code permissions-changed} event per affected user, then writes the affected users'
 * current permissions to Redis, where services read them on the next request. Changing a
 * user's own roles also sets their revocation cut-off, so tokens carrying the old roles
 * stop working and the client refreshes.
 */
@Service
public class PermissionChanges {

	private final Roles roles;

	private final Users users;

	private final Revocations revocations;

	private final Outbox outbox;

	private final AuditLog audit;

	private final TransactionTemplate transaction;

	private final Clock clock;

	PermissionChanges(Roles roles, Users users, Revocations revocations, Outbox outbox, AuditLog audit,
			TransactionTemplate transaction, Clock clock) {
		this.roles = roles;
		this.users = users;
		this.revocations = revocations;
		this.outbox = outbox;
		this.audit = audit;
		this.transaction = transaction;
		this.clock = clock;
	}

	void createRole(String name, String description, List<String> permissions) {
		this.transaction.executeWithoutResult((status) -> {
			if (!this.roles.create(name, description)) {
				throw ProblemException.conflict("A role named '" + name + "' exists already.");
			}
			permissions.forEach((permission) -> this.roles.grant(name, permission));
			this.audit.audit("role.created", "role:" + name, Map.of("permissions", String.join(" ", permissions)));
		});
	}

	void grant(String role, String permission) {
		changeRole(role, permission, true);
	}

	void revoke(String role, String permission) {
		changeRole(role, permission, false);
	}

	private void changeRole(String role, String permission, boolean grant) {
		Map<UUID, List<String>> affected = this.transaction.execute((status) -> {
			requireRole(role);
			boolean changed = grant ? this.roles.grant(role, permission) : this.roles.revoke(role, permission);
			if (!changed) {
				return Map.<UUID, List<String>>of();
			}
			this.audit.audit(grant ? "role.permission-granted" : "role.permission-revoked", "role:" + role,
					Map.of("permission", permission));
			Map<UUID, List<String>> permissions = new java.util.HashMap<>();
			this.roles.holders(role).forEach((holder) -> permissions.put(holder, publish(holder)));
			return permissions;
		});
		announce(affected);
	}

	/**
	 * Gives a user a role or takes it away.
	 * @param userId the user
	 * @param role the role
	 * @param assign whether to give (or take)
	 */
	public void assign(UUID userId, String role, boolean assign) {
		Instant cutoff = nextSecond();
		Map<UUID, List<String>> changed = this.transaction.execute((status) -> {
			this.users.lock(userId).orElseThrow(() -> ProblemException.notFound("There is no such user."));
			requireRole(role);
			boolean done = assign ? this.roles.assign(userId, role) : this.roles.unassign(userId, role);
			if (!done) {
				return Map.<UUID, List<String>>of();
			}
			this.users.setTokensValidAfter(userId, cutoff);
			this.audit.audit(assign ? "user.role-assigned" : "user.role-removed", "user:" + userId,
					Map.of("role", role));
			return Map.of(userId, publish(userId));
		});
		if (!changed.isEmpty()) {
			announce(changed);
			this.revocations.cutOff(userId, cutoff);
		}
	}

	// publishes the user's grants as they are after the change, and
	// returns the permissions
	private List<String> publish(UUID userId) {
		Roles.Grants grants = this.roles.grantsOf(userId);
		this.outbox.append(PermissionsChanged.TYPE, userId.toString(),
				new PermissionsChanged(userId, grants.roles(), grants.permissions(), this.clock.instant()));
		return grants.permissions();
	}

	private void announce(Map<UUID, List<String>> permissions) {
		permissions.forEach(this.revocations::currentPermissions);
	}

	private void requireRole(String role) {
		if (!this.roles.exists(role)) {
			throw ProblemException.notFound("There is no role named '" + role + "'.");
		}
	}

	// tokens with iat in the current second were issued before the change:
	// revoke them too
	private Instant nextSecond() {
		return Instant.ofEpochSecond(this.clock.instant().getEpochSecond() + 1);
	}

}
