package dev.nori.notification.trigger;

import java.util.Map;

import dev.nori.contracts.auth.PasswordResetRequested;
import dev.nori.contracts.event.EventEnvelope;
import dev.nori.contracts.event.EventType;
import dev.nori.eventing.inbox.EventHandler;
import dev.nori.notification.outgoing.MailService;

import org.springframework.stereotype.Component;

/**
 * Someone asked to reset a password: the reset mail with its link.
 */
@Component
class PasswordResetMail implements EventHandler<PasswordResetRequested> {

	private final MailService mail;

	private final LinkProperties links;

	PasswordResetMail(MailService mail, LinkProperties links) {
		this.mail = mail;
		this.links = links;
	}

	@Override
	public EventType<PasswordResetRequested> eventType() {
		return PasswordResetRequested.TYPE;
	}

	@Override
	public void handle(EventEnvelope<PasswordResetRequested> event) {
		PasswordResetRequested request = event.data();
		this.mail.request(MailService.MailRequest.forEvent(event.id(), "password-reset", request.email(),
				Map.of("name", request.displayName(), "link",
						LinkProperties.withToken(this.links.passwordReset(), request.token()), "expiresAt",
						MailTimes.format(request.expiresAt()))));
	}

}
