package dev.nori.notification.outgoing;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.nori.notification.template.MailTemplates;
import dev.nori.notification.template.RenderedMail;
import dev.nori.servicedefaults.core.problem.FieldViolation;
import dev.nori.servicedefaults.problem.InvalidFieldsException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Requests mail: renders it at once (so a bad template or variable fails the request, not
 * a later attempt) and records it in the sent-mail log; {@link MailDelivery} delivers.
 */
@Service
public class MailService {

	private final MailTemplates templates;

	private final Mails mails;

	private final Suppressions suppressions;

	private final MailDelivery sender;

	private final Clock clock;

	MailService(MailTemplates templates, Mails mails, Suppressions suppressions, MailDelivery sender, Clock clock) {
		this.templates = templates;
		this.mails = mails;
		this.suppressions = suppressions;
		this.sender = sender;
		this.clock = clock;
	}

	/**
	 * Requests a mail. Within the caller's transaction; the sender is woken when it
	 * commits.
	 * @param request who gets what, and what makes it unique
	 * @return the mail, or the one recorded earlier for the same event or idempotency key
	 * @throws InvalidFieldsException when the address, template or variables are wrong
	 */
	@Transactional
	public OutgoingMail request(MailRequest request) {
		String recipient = checkedAddress(request.to());
		RenderedMail rendered = this.templates.render(request.template(), request.variables());
		Instant now = this.clock.instant();
		MailState state = this.suppressions.contains(recipient) ? MailState.SUPPRESSED : MailState.PENDING;
		OutgoingMail mail = this.mails.insert(
				new OutgoingMail(UUID.randomUUID(), request.eventId(), rendered.template(), recipient,
						rendered.subject(), rendered.html(), rendered.text(), state, 0, now, null, now, null),
				request.idempotencyKey(), request.requestedBy());
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					MailService.this.sender.wake();
				}
			});
		}
		return mail;
	}

	private static String checkedAddress(String to) {
		try {
			InternetAddress address = new InternetAddress(to, true);
			if (address.getPersonal() == null && address.getAddress().equals(to.strip())
					&& address.getAddress().indexOf('@') > 0) {
				return Suppressions.normalized(address.getAddress());
			}
		}
		catch (AddressException ex) {
			// reported below, with every other bad address
		}
		throw new InvalidFieldsException(List.of(new FieldViolation("to", "must be one email address")));
	}

	/**
	 * A request for one mail.
	 *
	 * @param template the template's name
	 * @param to the recipient's address
	 * @param variables the template's variables
	 * @param eventId the event that triggered it; one mail per event and recipient
	 * @param idempotencyKey the caller's key; one mail per requester and key
	 * @param requestedBy who asked (a user or client id), when not an event
	 */
	public record MailRequest(String template, String to, Map<String, ?> variables, @Nullable UUID eventId,
			@Nullable String idempotencyKey, @Nullable String requestedBy) {

		/**
		 * A mail an event triggers.
		 * @param eventId the event
		 * @param template the template
		 * @param to the recipient
		 * @param variables the variables
		 * @return the request
		 */
		public static MailRequest forEvent(UUID eventId, String template, String to, Map<String, ?> variables) {
			return new MailRequest(template, to, variables, eventId, null, null);
		}

	}

}
