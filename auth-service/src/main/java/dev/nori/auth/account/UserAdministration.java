package dev.nori.auth.account;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.nori.auth.password.PasswordHasher;
import dev.nori.auth.role.Roles;
import dev.nori.auth.session.SessionService;
import dev.nori.auth.user.User;
import dev.nori.auth.user.Users;
import dev.nori.contracts.auth.UserDisabled;
import dev.nori.contracts.auth.UserRegistered;
import dev.nori.eventing.outbox.Outbox;
import dev.nori.servicedefaults.audit.AuditLog;
import dev.nori.servicedefaults.core.problem.FieldViolation;
import dev.nori.servicedefaults.problem.InvalidFieldsException;
import dev.nori.servicedefaults.problem.ProblemException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What administrators do to users: disable and enable them, and import users of the
 * Python Nori with their PBKDF2 hashes.
 */
@Service
class UserAdministration {

	private final Users users;

	private final Roles roles;

	private final SessionService sessions;

	private final Outbox outbox;

	private final AuditLog audit;

	private final TransactionTemplate transaction;

	private final Clock clock;

	UserAdministration(Users users, Roles roles, SessionService sessions, Outbox outbox, AuditLog audit,
			TransactionTemplate transaction, Clock clock) {
		this.users = users;
		this.roles = roles;
		this.sessions = sessions;
		this.outbox = outbox;
		this.audit = audit;
		this.transaction = transaction;
		this.clock = clock;
	}

	void setDisabled(UUID userId, boolean disabled) {
		Instant cutoff = this.transaction.execute((status) -> {
			User user = this.users.lock(userId).orElseThrow(() -> ProblemException.notFound("There is no such user."));
			if (user.disabled() == disabled) {
				return null;
			}
			this.users.setDisabled(userId, disabled);
			this.audit.audit(disabled ? "user.disabled" : "user.enabled", "user:" + userId, Map.of());
			if (!disabled) {
				return null;
			}
			this.outbox.append(UserDisabled.TYPE, userId.toString(), new UserDisabled(userId, this.clock.instant()));
			return this.sessions.revokeAllInTransaction(userId, "disabled");
		});
		if (cutoff != null) {
			this.sessions.announceRevocation(userId, cutoff);
		}
	}

	ImportResult importUsers(List<ImportedUser> imported) {
		List<FieldViolation> violations = new ArrayList<>();
		Set<String> knownRoles = this.roles.all().keySet();
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < imported.size(); i++) {
			ImportedUser user = imported.get(i);
			if (!PasswordHasher.isImportable(user.passwordHash())) {
				violations.add(new FieldViolation("users[" + i + "].passwordHash",
						"must be pbkdf2_sha256$<iterations>$<salt>$<hex digest> or pbkdf2_sha256$<salt>$<hex digest>"));
			}
			for (String role : user.roles()) {
				if (!knownRoles.contains(role)) {
					violations.add(new FieldViolation("users[" + i + "].roles", "names an unknown role: " + role));
				}
			}
			if (!seen.add(User.key(user.email()))) {
				violations.add(new FieldViolation("users[" + i + "].email", "appears twice in this import"));
			}
		}
		if (!violations.isEmpty()) {
			throw new InvalidFieldsException(violations);
		}
		Instant now = this.clock.instant();
		return this.transaction.execute((status) -> {
			List<String> created = new ArrayList<>();
			List<String> skipped = new ArrayList<>();
			for (ImportedUser entry : imported) {
				User user = new User(UUID.randomUUID(), entry.email().strip(), entry.displayName().strip(),
						entry.passwordHash(), entry.emailVerified(), false, null, now);
				if (!this.users.insert(user)) {
					skipped.add(entry.email());
					continue;
				}
				this.roles.assign(user.id(), Roles.USER);
				entry.roles().forEach((role) -> this.roles.assign(user.id(), role));
				created.add(user.id().toString());
				// other services learn about imported users as about registered ones
				this.outbox.append(UserRegistered.TYPE, user.id().toString(),
						new UserRegistered(user.id(), user.email(), user.displayName(), now));
				this.audit.audit("user.imported", "user:" + user.id(),
						Map.of("roles", String.join(" ", entry.roles())));
			}
			this.audit.audit("users.import", "users",
					Map.of("imported", Integer.toString(created.size()), "skipped", Integer.toString(skipped.size())));
			return new ImportResult(created.size(), skipped);
		});
	}

	/**
	 * A user to import.
	 *
	 * @param email the address
	 * @param displayName the name
	 * @param passwordHash the Python Nori's PBKDF2 hash
	 * @param emailVerified whether the address was verified there
	 * @param roles roles besides {@code user}
	 */
	record ImportedUser(String email, String displayName, String passwordHash, boolean emailVerified,
			List<String> roles) {
	}

	/**
	 * What an import did.
	 *
	 * @param imported how many users were created
	 * @param skippedExisting the addresses that had an account already, left as they were
	 */
	record ImportResult(int imported, List<String> skippedExisting) {
	}

}
