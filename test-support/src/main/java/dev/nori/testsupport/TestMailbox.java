package dev.nori.testsupport;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.nori.launcher.Ports;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server (GreenMail) on a loopback port of its own, below the kernel's
 * ephemeral range so that the port stays free while a fault test has the server stopped;
 * it can be stopped and started again on the same port.
 */
public final class TestMailbox {

	private final int port;

	private GreenMail server;

	// GreenMail's own isRunning() can be false while it is starting
	private boolean stopped;

	private TestMailbox(int port) {
		this.port = port;
		this.server = start(port);
	}

	/**
	 * Starts a mailbox on a free port.
	 * @return the running mailbox
	 */
	public static TestMailbox start() {
		Random random = new Random();
		for (int attempt = 0; attempt < 100; attempt++) {
			int candidate = 20000 + random.nextInt(5000);
			if (!Ports.isListening(candidate)) {
				return new TestMailbox(candidate);
			}
		}
		throw new IllegalStateException("No free port for the test SMTP server");
	}

	/**
	 * Returns the SMTP port.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/** Stops the server: connections are refused until {@link #restart()}. */
	public synchronized void stop() {
		this.server.stop();
		this.stopped = true;
	}

	/**
	 * Starts the server again on the same port, if it is stopped; the mailbox is empty.
	 */
	public synchronized void restart() {
		if (this.stopped) {
			this.server = start(this.port);
			this.stopped = false;
		}
	}

	/**
	 * Returns the messages received for one recipient.
	 * @param email the recipient
	 * @return the messages, oldest first
	 */
	public synchronized List<MimeMessage> to(String email) {
		return Arrays.stream(this.server.getReceivedMessages())
			.filter((message) -> recipient(message).equalsIgnoreCase(email))
			.toList();
	}

	/**
	 * Returns the text parts of a message by content type ({@code text/plain},
	 * {@code text/html}), from however deep the multiparts nest.
	 * @param message the message
	 * @return the parts' text by type
	 */
	public static Map<String, String> parts(MimeMessage message) {
		Map<String, String> parts = new LinkedHashMap<>();
		try {
			Object content = message.getContent();
			if (content instanceof Multipart multipart) {
				collect(multipart, parts);
			}
			else {
				parts.put(type(message.getContentType()), (String) content);
			}
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException("Unreadable message: " + ex.getMessage(), ex);
		}
		return parts;
	}

	private static void collect(Multipart multipart, Map<String, String> parts) throws MessagingException, IOException {
		for (int i = 0; i < multipart.getCount(); i++) {
			BodyPart part = multipart.getBodyPart(i);
			if (part.getContent() instanceof Multipart nested) {
				collect(nested, parts);
			}
			else {
				parts.put(type(part.getContentType()), (String) part.getContent());
			}
		}
	}

	private static String type(String contentType) {
		return contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
	}

	private static String recipient(MimeMessage message) {
		try {
			return message.getAllRecipients()[0].toString();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static GreenMail start(int port) {
		GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		server.start();
		return server;
	}

}
