package dev.nori.auth.session;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import dev.nori.auth.lockout.LoginLockout;
import dev.nori.auth.password.PasswordHasher;
import dev.nori.auth.password.PasswordHasher.Verification;
import dev.nori.auth.user.User;
import dev.nori.auth.user.Users;
import dev.nori.servicedefaults.audit.AuditLog;
import dev.nori.servicedefaults.audit.AuditLog.Outcome;
import dev.nori.servicedefaults.problem.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Service;

/**
 * Password login. Every refusal for a reason the caller must not learn (no such user,
 * wrong password, disabled, locked) is the same 401 and costs one password hash, so
 * neither the answer nor its timing tells whether an account exists.
 */
@Service
public class LoginService {

	static final String REFUSED = "The email address or password is wrong, or the account is locked for a while.";

	private final Users users;

	private final PasswordHasher hasher;

	private final LoginLockout lockout;

	private final SessionService sessions;

	private final LoginProperties properties;

	private final AuditLog audit;

	private final Counter succeeded;

	private final Counter failed;

	private final Counter refusedLocked;

	private final Counter lockouts;

	LoginService(Users users, PasswordHasher hasher, LoginLockout lockout, SessionService sessions,
			LoginProperties properties, AuditLog audit, MeterRegistry meters) {
		this.users = users;
		this.hasher = hasher;
		this.lockout = lockout;
		this.sessions = sessions;
		this.properties = properties;
		this.audit = audit;
		this.succeeded = logins(meters, "success");
		this.failed = logins(meters, "failure");
		this.refusedLocked = logins(meters, "locked");
		this.lockouts = Counter.builder("nori.auth.lockouts")
			.description("Failed logins that locked an account or an address")
			.register(meters);
	}

	private static Counter logins(MeterRegistry meters, String outcome) {
		return Counter.builder("nori.auth.logins")
			.description("Login attempts by outcome (failure: unknown user, wrong password or disabled account)")
			.tag("outcome", outcome)
			.register(meters);
	}

	TokenPair login(String email, String password, ClientInfo client) {
		User user = this.users.findByEmail(email).orElse(null);
		String target = (user != null) ? "user:" + user.id() : "email:" + User.key(email);
		String actor = (user != null) ? user.id().toString() : null;
		if (this.lockout.isLocked(email, client.address())) {
			this.hasher.verify(password, null);
			this.refusedLocked.increment();
			this.audit.audit("login", target, Outcome.DENIED, actor, Map.of("reason", "locked"));
			throw ProblemException.unauthorized(REFUSED);
		}
		Verification verification = this.hasher.verify(password, (user != null) ? user.passwordHash() : null);
		if (user == null || !verification.matched() || user.disabled()) {
			Instant lockedUntil = this.lockout.recordFailure(email, client.address());
			Map<String, String> details = new HashMap<>();
			details.put("reason", (user == null) ? "unknown-user" : user.disabled() ? "disabled" : "wrong-password");
			this.failed.increment();
			if (lockedUntil.toEpochMilli() > 0) {
				details.put("lockedUntil", lockedUntil.toString());
				this.lockouts.increment();
			}
			this.audit.audit("login", target, Outcome.FAILURE, actor, details);
			throw ProblemException.unauthorized(REFUSED);
		}
		if (this.properties.requireVerifiedEmail() && !user.emailVerified()) {
			this.audit.audit("login", target, Outcome.DENIED, actor, Map.of("reason", "email-not-verified"));
			throw ProblemException.forbidden("Verify your email address first: follow the link in the mail we sent.");
		}
		this.lockout.recordSuccess(email);
		if (verification == Verification.MATCH_NEEDS_REHASH) {
			this.users.updatePasswordHash(user.id(), this.hasher.hash(password));
			this.audit.audit("password.rehashed", target, Outcome.SUCCESS, actor, Map.of("algorithm", "argon2id"));
		}
		TokenPair pair = this.sessions.open(user, client);
		this.succeeded.increment();
		this.audit.audit("login", target, Outcome.SUCCESS, actor, Map.of());
		return pair;
	}

}
