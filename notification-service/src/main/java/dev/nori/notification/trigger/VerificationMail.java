package dev.nori.notification.trigger;

import java.util.Map;

import dev.nori.contracts.auth.EmailVerificationRequested;
import dev.nori.contracts.event.EventEnvelope;
import dev.nori.contracts.event.EventType;
import dev.nori.eventing.inbox.EventHandler;
import dev.nori.notification.outgoing.MailService;

import org.springframework.stereotype.Component;

/**
 * A user's address needs verifying: the verification mail with its link.
 */
@Component
class VerificationMail implements EventHandler<EmailVerificationRequested> {

	private final MailService mail;

	private final LinkProperties links;

	VerificationMail(MailService mail, LinkProperties links) {
		this.mail = mail;
		this.links = links;
	}

	@Override
	public EventType<EmailVerificationRequested> eventType() {
		return EmailVerificationRequested.TYPE;
	}

	@Override
	public void handle(EventEnvelope<EmailVerificationRequested> event) {
		EmailVerificationRequested request = event.data();
		this.mail.request(MailService.MailRequest.forEvent(event.id(), "verification", request.email(),
				Map.of("name", request.displayName(), "link",
						LinkProperties.withToken(this.links.verifyEmail(), request.token()), "expiresAt",
						MailTimes.format(request.expiresAt()))));
	}

}
