package dev.nori.notification.outgoing;

import java.util.Locale;

/**
 * Where a mail stands.
 */
public enum MailState {

	/** Waiting for its (next) attempt. */
	PENDING,
	/** The driver accepted it. */
	SENT,
	/** Every attempt failed, or one failed for good; {@code lastError} says why. */
	DEAD,
	/** Not sent: its recipient is on the suppression list. */
	SUPPRESSED;

	/**
	 * Returns the name stored and shown.
	 * @return the lower-case name
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	static MailState of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
