package dev.nori.notification.trigger;

import java.util.Map;

import dev.nori.contracts.auth.PasswordChanged;
import dev.nori.contracts.event.EventEnvelope;
import dev.nori.contracts.event.EventType;
import dev.nori.eventing.inbox.EventHandler;
import dev.nori.notification.outgoing.MailService;

import org.springframework.stereotype.Component;

/**
 * A password changed: tell the owner, in case it was not them.
 */
@Component
class PasswordChangedMail implements EventHandler<PasswordChanged> {

	private final MailService mail;

	PasswordChangedMail(MailService mail) {
		this.mail = mail;
	}

	@Override
	public EventType<PasswordChanged> eventType() {
		return PasswordChanged.TYPE;
	}

	@Override
	public void handle(EventEnvelope<PasswordChanged> event) {
		this.mail.request(MailService.MailRequest.forEvent(event.id(), "password-changed", event.data().email(),
				Map.of("email", event.data().email(), "changedAt", MailTimes.format(event.data().changedAt()))));
	}

}
