package dev.nori.auth.account;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.nori.auth.password.PasswordHasher;
import dev.nori.auth.password.PasswordPolicy;
import dev.nori.auth.role.Roles;
import dev.nori.auth.session.ClientInfo;
import dev.nori.auth.session.SessionService;
import dev.nori.auth.session.TokenPair;
import dev.nori.auth.user.User;
import dev.nori.auth.user.Users;
import dev.nori.contracts.auth.EmailVerificationRequested;
import dev.nori.contracts.auth.EmailVerified;
import dev.nori.contracts.auth.PasswordChanged;
import dev.nori.contracts.auth.PasswordResetRequested;
import dev.nori.contracts.auth.UserRegistered;
import dev.nori.eventing.outbox.Outbox;
import dev.nori.servicedefaults.audit.AuditLog;
import dev.nori.servicedefaults.audit.AuditLog.Outcome;
import dev.nori.servicedefaults.core.problem.FieldViolation;
import dev.nori.servicedefaults.problem.InvalidFieldsException;
import dev.nori.servicedefaults.problem.ProblemException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registration, verification, password reset and change.
 * <p>
 * Registering a taken address and asking a reset for an unknown one answer exactly as the
 * other case does, and cost the same password hash, so the API does not tell who has an
 * account.
 */
@Service
class AccountService {

	private static final String INVALID_LINK = "The link is invalid, was used already or has expired. Ask for a new one.";

	private final Users users;

	private final Roles roles;

	private final PasswordHasher hasher;

	private final PasswordPolicy policy;

	private final OneTimeTokens tokens;

	private final SessionService sessions;

	private final AccountProperties properties;

	private final Outbox outbox;

	private final AuditLog audit;

	private final TransactionTemplate transaction;

	private final Clock clock;

	AccountService(Users users, Roles roles, PasswordHasher hasher, PasswordPolicy policy, OneTimeTokens tokens,
			SessionService sessions, AccountProperties properties, Outbox outbox, AuditLog audit,
			TransactionTemplate transaction, Clock clock) {
		this.users = users;
		this.roles = roles;
		this.hasher = hasher;
		this.policy = policy;
		this.tokens = tokens;
		this.sessions = sessions;
		this.properties = properties;
		this.outbox = outbox;
		this.audit = audit;
		this.transaction = transaction;
		this.clock = clock;
	}

	// the password policy was checked with the request's
	// other fields (AcceptablePassword)
	void register(String email, String password, String displayName) {
		String hash = this.hasher.hash(password);
		Instant now = this.clock.instant();
		User user = new User(UUID.randomUUID(), email.strip(), displayName.strip(), hash, false, false, null, now);
		this.transaction.executeWithoutResult((status) -> {
			if (!this.users.insert(user)) {
				this.audit.audit("user.registered", "email:" + User.key(email), Outcome.DENIED, null,
						Map.of("reason", "address-taken"));
				return;
			}
			this.roles.assign(user.id(), Roles.USER);
			this.outbox.append(UserRegistered.TYPE, user.id().toString(),
					new UserRegistered(user.id(), user.email(), user.displayName(), now));
			requestVerification(user, now);
			this.audit.audit("user.registered", "user:" + user.id(), Outcome.SUCCESS, user.id().toString(), Map.of());
		});
	}

	void resendVerification(UUID userId) {
		this.transaction.executeWithoutResult((status) -> {
			User user = this.users.find(userId).orElseThrow(() -> ProblemException.notFound("There is no such user."));
			if (user.emailVerified()) {
				throw ProblemException.conflict("Your address is verified already.");
			}
			requestVerification(user, this.clock.instant());
		});
	}

	void verifyEmail(String token) {
		Instant now = this.clock.instant();
		this.transaction.executeWithoutResult((status) -> {
			UUID userId = this.tokens.consume(token, OneTimeTokens.VERIFY_EMAIL, now).orElse(null);
			if (userId == null) {
				this.audit.audit("user.email-verified", "token", Outcome.FAILURE, null,
						Map.of("reason", "invalid-token"));
				throw ProblemException.badRequest(INVALID_LINK);
			}
			User user = this.users.lock(userId).orElseThrow();
			this.users.markVerified(userId);
			this.outbox.append(EmailVerified.TYPE, userId.toString(), new EmailVerified(userId, user.email(), now));
			this.audit.audit("user.email-verified", "user:" + userId, Outcome.SUCCESS, userId.toString(), Map.of());
		});
	}

	void requestPasswordReset(String email) {
		Instant now = this.clock.instant();
		this.transaction.executeWithoutResult((status) -> {
			User user = this.users.findByEmail(email).filter((found) -> !found.disabled()).orElse(null);
			if (user == null) {
				this.audit.audit("password.reset-requested", "email:" + User.key(email), Outcome.FAILURE, null,
						Map.of("reason", "unknown-address"));
				return;
			}
			Instant expiresAt = now.plus(this.properties.resetTokenTtl());
			String token = this.tokens.issue(user.id(), OneTimeTokens.RESET_PASSWORD, now, expiresAt);
			this.outbox.append(PasswordResetRequested.TYPE, user.id().toString(),
					new PasswordResetRequested(user.id(), user.email(), user.displayName(), token, expiresAt));
			this.audit.audit("password.reset-requested", "user:" + user.id(), Outcome.SUCCESS, null, Map.of());
		});
	}

	void resetPassword(String token, String newPassword) {
		String hash = this.hasher.hash(newPassword);
		Instant now = this.clock.instant();
		Revoked revoked = this.transaction.execute((status) -> {
			UUID userId = this.tokens.consume(token, OneTimeTokens.RESET_PASSWORD, now).orElse(null);
			if (userId == null) {
				this.audit.audit("password.reset", "token", Outcome.FAILURE, null, Map.of("reason", "invalid-token"));
				throw ProblemException.badRequest(INVALID_LINK);
			}
			User user = this.users.lock(userId).orElseThrow();
			this.users.updatePasswordHash(userId, hash);
			// following the mailed link proves the address
			this.users.markVerified(userId);
			Instant cutoff = this.sessions.revokeAllInTransaction(userId, "password-reset");
			this.outbox.append(PasswordChanged.TYPE, userId.toString(), new PasswordChanged(userId, user.email(), now));
			this.audit.audit("password.reset", "user:" + userId, Outcome.SUCCESS, userId.toString(), Map.of());
			return new Revoked(userId, cutoff);
		});
		this.sessions.announceRevocation(revoked.userId(), revoked.cutoff());
	}

	TokenPair changePassword(UUID userId, String currentPassword, String newPassword, ClientInfo client) {
		User user = this.users.find(userId).orElseThrow(() -> ProblemException.notFound("There is no such user."));
		if (!this.hasher.verify(currentPassword, user.passwordHash()).matched()) {
			this.audit.audit("password.changed", "user:" + userId, Outcome.FAILURE, userId.toString(),
					Map.of("reason", "wrong-current-password"));
			throw new InvalidFieldsException(
					List.of(new FieldViolation("currentPassword", "is not your current password")));
		}
		requireAcceptable("newPassword", newPassword, List.of(user.email(), user.displayName()));
		String hash = this.hasher.hash(newPassword);
		Instant now = this.clock.instant();
		Instant cutoff = this.transaction.execute((status) -> {
			this.users.updatePasswordHash(userId, hash);
			Instant value = this.sessions.revokeAllInTransaction(userId, "password-changed");
			this.outbox.append(PasswordChanged.TYPE, userId.toString(), new PasswordChanged(userId, user.email(), now));
			this.audit.audit("password.changed", "user:" + userId, Outcome.SUCCESS, userId.toString(), Map.of());
			return value;
		});
		this.sessions.announceRevocation(userId, cutoff);
		// every other device is logged out; this one continues in a new session
		return this.sessions.open(this.users.find(userId).orElseThrow(), client);
	}

	private void requestVerification(User user, Instant now) {
		Instant expiresAt = now.plus(this.properties.verificationTokenTtl());
		String token = this.tokens.issue(user.id(), OneTimeTokens.VERIFY_EMAIL, now, expiresAt);
		this.outbox.append(EmailVerificationRequested.TYPE, user.id().toString(),
				new EmailVerificationRequested(user.id(), user.email(), user.displayName(), token, expiresAt));
	}

	void requireAcceptable(String field, String password, List<String> userInputs) {
		List<String> problems = this.policy.problems(password, userInputs);
		if (!problems.isEmpty()) {
			throw new InvalidFieldsException(
					problems.stream().map((message) -> new FieldViolation(field, message)).toList());
		}
	}

	private record Revoked(UUID userId, Instant cutoff) {
	}

}
