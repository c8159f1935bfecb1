package dev.nori.notification.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * {@code smtp}: Jakarta Mail through Spring's {@link JavaMailSender}, configured with
 * {@code spring.mail.*} (host, port, credentials, and TLS through
 * {@code spring.mail.properties.mail.smtp.starttls.*} or {@code spring.mail.ssl.*}). A
 * recipient the server refuses is a permanent failure (a hard bounce); anything else is
 * tried again.
 */
@Component
class SmtpMailDriver implements MailDriver {

	private final ObjectProvider<JavaMailSender> senders;

	SmtpMailDriver(ObjectProvider<JavaMailSender> senders) {
		this.senders = senders;
	}

	@Override
	public String name() {
		return "smtp";
	}

	@Override
	public void send(MailMessage message) throws MailDeliveryException {
		JavaMailSender sender = this.senders.getIfAvailable();
		if (sender == null) {
			throw new MailDeliveryException("The smtp driver needs spring.mail.host", false, null);
		}
		try {
			MimeMessage mime = MimeMail.of(sender.createMimeMessage().getSession(), message);
			sender.send(mime);
		}
		catch (MessagingException ex) {
			throw new MailDeliveryException("Cannot build the message: " + ex.getMessage(), true, ex);
		}
		catch (MailException ex) {
			throw new MailDeliveryException("SMTP: " + ex.getMostSpecificCause().getMessage(), refusedRecipient(ex),
					ex);
		}
	}

	private static boolean refusedRecipient(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SendFailedException refused && refused.getInvalidAddresses() != null
					&& refused.getInvalidAddresses().length > 0) {
				return true;
			}
			if (cause instanceof org.springframework.mail.MailSendException send) {
				for (Exception each : send.getFailedMessages().values()) {
					if (refusedRecipient(each)) {
						return true;
					}
				}
			}
		}
		return false;
	}

}
