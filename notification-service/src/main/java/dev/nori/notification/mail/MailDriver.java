package dev.nori.notification.mail;

/**
 * Hands mail to something that delivers it. A driver is one bean implementing this;
 * {@code nori.notifications.mail.driver} picks it by {@link #name()}.
 */
public interface MailDriver {

	/**
	 * Returns the name configuration picks this driver by.
	 * @return for example {@code smtp}
	 */
	String name();

	/**
	 * Delivers one message; returns only once the other side has accepted it.
	 * @param message the message
	 * @throws MailDeliveryException when it was not accepted
	 */
	void send(MailMessage message) throws MailDeliveryException;

}
