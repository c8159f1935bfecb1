package dev.nori.notification.mail;

import org.jspecify.annotations.Nullable;

/**
 * A message was not accepted. A permanent failure (the recipient does not exist, the
 * message was refused for good) is not retried and suppresses the address.
 */
public class MailDeliveryException extends Exception {

	private final boolean permanent;

	/**
	 * Creates the exception.
	 * @param message what went wrong
	 * @param permanent whether trying again cannot help
	 * @param cause the cause
	 */
	public MailDeliveryException(String message, boolean permanent, @Nullable Throwable cause) {
		super(message, cause);
		this.permanent = permanent;
	}

	/**
	 * Tells whether trying again cannot help.
	 * @return whether the failure is permanent
	 */
	public boolean isPermanent() {
		return this.permanent;
	}

}
