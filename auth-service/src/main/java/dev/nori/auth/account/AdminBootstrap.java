package dev.nori.auth.account;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.nori.auth.password.PasswordHasher;
import dev.nori.auth.role.Roles;
import dev.nori.auth.user.User;
import dev.nori.auth.user.Users;
import dev.nori.servicedefaults.audit.AuditLog;
import dev.nori.servicedefaults.audit.AuditLog.Outcome;
import dev.nori.servicedefaults.core.problem.FieldViolation;
import dev.nori.servicedefaults.problem.InvalidFieldsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the first administrator from configuration when no admin exists. Refuses an
 * address that already has an account (whoever registered it first must not become admin)
 * and a password the policy would refuse. Nothing else creates admins without an admin.
 */
@Component
@EnableConfigurationProperties({ BootstrapAdminProperties.class, AccountProperties.class })
class AdminBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

	// instances starting together create one admin
	private static final long BOOTSTRAP_LOCK = 0x6e6f72692d61646dL;

	private final BootstrapAdminProperties properties;

	private final AccountService accounts;

	private final Users users;

	private final Roles roles;

	private final PasswordHasher hasher;

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final TransactionTemplate transaction;

	private final Clock clock;

	AdminBootstrap(BootstrapAdminProperties properties, AccountService accounts, Users users, Roles roles,
			PasswordHasher hasher, JdbcClient jdbc, AuditLog audit, TransactionTemplate transaction, Clock clock) {
		this.properties = properties;
		this.accounts = accounts;
		this.users = users;
		this.roles = roles;
		this.hasher = hasher;
		this.jdbc = jdbc;
		this.audit = audit;
		this.transaction = transaction;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		String email = this.properties.email();
		String password = this.properties.password();
		if (email == null || email.isBlank() || password == null || password.isEmpty()) {
			if (!this.roles.anyAdmin()) {
				log.warn(
						"No administrator exists; set NORI_BOOTSTRAP_ADMIN_EMAIL and NORI_BOOTSTRAP_ADMIN_PASSWORD to create one");
			}
			return;
		}
		// checked again under the lock below; this spares every later start
		// a password hash
		if (this.roles.anyAdmin()) {
			return;
		}
		try {
			this.accounts.requireAcceptable("password", password, List.of(email));
		}
		catch (InvalidFieldsException ex) {
			throw new IllegalStateException("NORI_BOOTSTRAP_ADMIN_PASSWORD is refused: "
					+ ex.violations().stream().map(FieldViolation::message).collect(Collectors.joining("; ")));
		}
		String hash = this.hasher.hash(password);
		this.transaction.executeWithoutResult((status) -> {
			this.jdbc.sql("select pg_advisory_xact_lock(?)").param(BOOTSTRAP_LOCK).query().singleRow();
			if (this.roles.anyAdmin()) {
				return;
			}
			User admin = new User(UUID.randomUUID(), email.strip(), "Administrator", hash, true, false, null,
					this.clock.instant());
			if (!this.users.insert(admin)) {
				throw new IllegalStateException("The bootstrap admin's address " + email
						+ " belongs to an existing account; choose another address, or make that account admin through the API");
			}
			this.roles.assign(admin.id(), Roles.USER);
			this.roles.assign(admin.id(), Roles.ADMIN);
			this.audit.audit("user.bootstrap-admin-created", "user:" + admin.id(), Outcome.SUCCESS, null, Map.of());
			log.info("Created the first administrator {}", email);
		});
	}

}
