package dev.nori.notification.mail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * {@code log}: writes each message as an {@code .eml} file (open it in any mail client)
 * and logs one line. The local default: nothing leaves the machine.
 */
@Component
class LogMailDriver implements MailDriver {

	private static final Logger log = LoggerFactory.getLogger(LogMailDriver.class);

	private final Path directory;

	private final Session session = Session.getInstance(new Properties());

	LogMailDriver(MailProperties properties) {
		this.directory = properties.log().directory().toAbsolutePath();
	}

	@Override
	public String name() {
		return "log";
	}

	@Override
	public void send(MailMessage message) throws MailDeliveryException {
		Path file = this.directory.resolve(message.id() + ".eml");
		try {
			Files.createDirectories(this.directory);
			Path partial = this.directory.resolve(message.id() + ".eml.partial");
			try (OutputStream out = Files.newOutputStream(partial)) {
				MimeMail.of(this.session, message).writeTo(out);
			}
			Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
					java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException | MessagingException ex) {
			throw new MailDeliveryException("Cannot write " + file + ": " + ex.getMessage(), false, ex);
		}
		log.info("Mail to {} \"{}\" written to {}", message.to(), message.subject(), file);
	}

}
