package dev.nori.notification.trigger;

import java.util.Map;

import dev.nori.contracts.auth.EmailVerified;
import dev.nori.contracts.event.EventEnvelope;
import dev.nori.contracts.event.EventType;
import dev.nori.eventing.inbox.EventHandler;
import dev.nori.notification.outgoing.MailService;

import org.springframework.stereotype.Component;

/**
 * An address was verified: the welcome mail.
 */
@Component
class WelcomeMail implements EventHandler<EmailVerified> {

	private final MailService mail;

	WelcomeMail(MailService mail) {
		this.mail = mail;
	}

	@Override
	public EventType<EmailVerified> eventType() {
		return EmailVerified.TYPE;
	}

	@Override
	public void handle(EventEnvelope<EmailVerified> event) {
		this.mail.request(MailService.MailRequest.forEvent(event.id(), "welcome", event.data().email(),
				Map.of("email", event.data().email())));
	}

}
