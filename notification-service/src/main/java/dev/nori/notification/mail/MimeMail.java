package dev.nori.notification.mail;

import java.nio.charset.StandardCharsets;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Builds the MIME form of a message: multipart/alternative with the text part first, so
 * that clients show the HTML when they can.
 */
final class MimeMail {

	private MimeMail() {
	}

	static MimeMessage of(Session session, MailMessage mail) throws MessagingException {
		MimeMessage message = new IdentifiedMimeMessage(session, mail);
		MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
				StandardCharsets.UTF_8.name());
		helper.setFrom(new InternetAddress(mail.from(), true));
		helper.setTo(new InternetAddress(mail.to(), true));
		helper.setSubject(mail.subject());
		helper.setText(mail.text(), mail.html());
		message.saveChanges();
		return message;
	}

	// keeps the Message-ID that saveChanges would otherwise replace with a random one
	private static final class IdentifiedMimeMessage extends MimeMessage {

		private final String messageId;

		IdentifiedMimeMessage(Session session, MailMessage mail) throws MessagingException {
			super(session);
			String address = new InternetAddress(mail.from(), true).getAddress();
			this.messageId = "<" + mail.id() + "@" + address.substring(address.lastIndexOf('@') + 1) + ">";
		}

		@Override
		protected void updateMessageID() throws MessagingException {
			setHeader("Message-ID", this.messageId);
		}

	}

}
