package dev.nori.servicedefaults.audit;

import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

import dev.nori.contracts.audit.AuditRecorded;
import dev.nori.eventing.outbox.Outbox;
import dev.nori.servicedefaults.core.requestid.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Records who did what: {@code audit(action, target, details)} publishes an audit record
 * (actor, client IP, request id, time) through the outbox to {@code nori.audit}, where
 * auth-service stores it. Inside a transaction the record commits with the change it
 * describes; outside one it is written on its own, and a failure to write it is logged,
 * never thrown at the caller.
 */
public class AuditLog {

	private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

	private final Outbox outbox;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final String service;

	private final Supplier<@Nullable String> actor;

	/**
	 * Creates the audit log.
	 * @param outbox stores the records
	 * @param transaction for records written outside a transaction
	 * @param clock the time source
	 * @param service this service's name
	 * @param actor who is acting now, if known
	 */
	public AuditLog(Outbox outbox, TransactionTemplate transaction, Clock clock, String service,
			Supplier<@Nullable String> actor) {
		this.outbox = outbox;
		this.transaction = transaction;
		this.clock = clock;
		this.service = service;
		this.actor = actor;
	}

	/**
	 * Records a successful action by the current user.
	 * @param action what was done, for example {@code article.deleted}
	 * @param target what it was done to, for example {@code article:42}
	 * @param details further facts, never secrets
	 */
	public void audit(String action, String target, Map<String, String> details) {
		audit(action, target, Outcome.SUCCESS, this.actor.get(), details);
	}

	/**
	 * Records an action with its outcome and an actor named by the caller (a login names
	 * the user it is for before anyone is authenticated).
	 * @param action what was done or tried, for example {@code login}
	 * @param target what it was done to, for example {@code user:42}
	 * @param outcome whether it succeeded
	 * @param actor who acted, or {@code null} when unknown
	 * @param details further facts, never secrets
	 */
	public void audit(String action, String target, Outcome outcome, @Nullable String actor,
			Map<String, String> details) {
		HttpServletRequest request = currentRequest();
		AuditRecorded record = new AuditRecorded(this.service, action, target, actor,
				(request != null) ? request.getRemoteAddr() : null, MDC.get(RequestIds.CONTEXT_KEY), details,
				this.clock.instant(), (request != null) ? userAgent(request) : null, outcome.value());
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			this.outbox.append(AuditRecorded.TYPE, target, record);
			return;
		}
		try {
			this.transaction.executeWithoutResult((status) -> this.outbox.append(AuditRecorded.TYPE, target, record));
		}
		catch (RuntimeException ex) {
			log.error("Audit record {} on {} was not written", action, target, ex);
		}
	}

	/**
	 * Returns who is acting now, as the audit log sees it.
	 * @return the current user's id, or {@code null}
	 */
	public @Nullable String currentActor() {
		return this.actor.get();
	}

	private static @Nullable String userAgent(HttpServletRequest request) {
		String agent = request.getHeader("User-Agent");
		return (agent == null) ? null : agent.substring(0, Math.min(agent.length(), 256));
	}

	/** Whether an audited action succeeded. */
	public enum Outcome {

		/** It was done. */
		SUCCESS,
		/** It was tried and failed (a wrong password, an expired token). */
		FAILURE,
		/** It was refused (locked out, not permitted). */
		DENIED;

		String value() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	private static @Nullable HttpServletRequest currentRequest() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			return attributes.getRequest();
		}
		return null;
	}

}
