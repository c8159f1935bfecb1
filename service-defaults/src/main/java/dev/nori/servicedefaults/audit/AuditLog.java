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
	 * Records an action.
	 * @param action what was done, for example {@code article.deleted}
	 * @param target what it was done to, for example {@code article:42}
	 * @param details further facts, never secrets
	 */
	public void audit(String action, String target, Map<String, String> details) {
		AuditRecorded record = new AuditRecorded(this.service, action, target, this.actor.get(), clientIp(),
				MDC.get(RequestIds.CONTEXT_KEY), details, this.clock.instant());
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

	private static @Nullable String clientIp() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			return request.getRemoteAddr();
		}
		return null;
	}

}
