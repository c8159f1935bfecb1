package dev.nori.auth.social;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.nori.auth.role.Roles;
import dev.nori.auth.user.User;
import dev.nori.auth.user.Users;
import dev.nori.contracts.auth.UserRegistered;
import dev.nori.eventing.outbox.Outbox;
import dev.nori.servicedefaults.audit.AuditLog;
import dev.nori.servicedefaults.audit.AuditLog.Outcome;
import dev.nori.servicedefaults.problem.ProblemException;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds or creates the Nori user for an account at another provider. A known (provider,
 * subject) is that user; otherwise an address the provider verified links to the user who
 * has it; otherwise a new user is created, unless the address belongs to an account
 * already (it is not linked on an unverified address: whoever controls the provider
 * account would take it over).
 */
@Service
class SocialAccounts {

	private final JdbcClient jdbc;

	private final Users users;

	private final Roles roles;

	private final Outbox outbox;

	private final AuditLog audit;

	private final TransactionTemplate transaction;

	private final Clock clock;

	SocialAccounts(JdbcClient jdbc, Users users, Roles roles, Outbox outbox, AuditLog audit,
			TransactionTemplate transaction, Clock clock) {
		this.jdbc = jdbc;
		this.users = users;
		this.roles = roles;
		this.outbox = outbox;
		this.audit = audit;
		this.transaction = transaction;
		this.clock = clock;
	}

	User resolve(ProviderAccount account) {
		User user = this.transaction.execute((status) -> {
			Optional<User> linked = this.jdbc
				.sql("select user_id from user_identities where provider = ? and subject = ?")
				.params(account.provider(), account.subject())
				.query(UUID.class)
				.optional()
				.flatMap(this.users::find);
			if (linked.isPresent()) {
				return linked.get();
			}
			Instant now = this.clock.instant();
			if (account.email() == null) {
				throw ProblemException
					.badRequest("The provider did not share an email address; allow it and try again.");
			}
			Optional<User> owner = this.users.findByEmail(account.email());
			if (owner.isPresent()) {
				if (!account.emailVerified()) {
					this.audit.audit("login.social", "user:" + owner.get().id(), Outcome.DENIED, null,
							Map.of("provider", account.provider(), "reason", "unverified-address-of-existing-account"));
					throw ProblemException.conflict(
							"An account with this address exists. Log in with it; the provider did not verify the address, so it is not linked.");
				}
				link(account, owner.get().id(), now);
				this.audit.audit("user.identity-linked", "user:" + owner.get().id(), Outcome.SUCCESS,
						owner.get().id().toString(), Map.of("provider", account.provider()));
				return owner.get();
			}
			User created = new User(UUID.randomUUID(), account.email(),
					(account.name() != null && !account.name().isBlank()) ? account.name() : account.email(), null,
					account.emailVerified(), false, null, now);
			this.users.insert(created);
			this.roles.assign(created.id(), Roles.USER);
			link(account, created.id(), now);
			this.outbox.append(UserRegistered.TYPE, created.id().toString(),
					new UserRegistered(created.id(), created.email(), created.displayName(), now));
			this.audit.audit("user.registered", "user:" + created.id(), Outcome.SUCCESS, created.id().toString(),
					Map.of("provider", account.provider()));
			return created;
		});
		if (user.disabled()) {
			throw ProblemException.unauthorized("This account is disabled.");
		}
		return user;
	}

	private void link(ProviderAccount account, UUID userId, Instant now) {
		this.jdbc
			.sql("insert into user_identities (provider, subject, user_id, email, created_at) values (?, ?, ?, ?, ?)")
			.params(account.provider(), account.subject(), userId, account.email(), Timestamp.from(now))
			.update();
	}

	/**
	 * Who the provider says the user is.
	 *
	 * @param provider the registration id ({@code google}, {@code github},
	 * {@code keycloak})
	 * @param subject the provider's stable id of the user
	 * @param email the address, if shared
	 * @param emailVerified whether the provider verified the address
	 * @param name a display name, if shared
	 */
	record ProviderAccount(String provider, String subject, @Nullable String email, boolean emailVerified,
			@Nullable String name) {
	}

}
