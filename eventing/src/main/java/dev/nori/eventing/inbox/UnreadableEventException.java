package dev.nori.eventing.inbox;

import org.jspecify.annotations.Nullable;

/**
 * A record that can never be handled as it is (not a CloudEvent, data that does not fit
 * the payload type, or a command a handler must refuse): it goes to the dead-letter topic
 * without retries.
 */
public class UnreadableEventException extends RuntimeException {

	UnreadableEventException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

	/**
	 * Refuses an event whose data can be read but never applied, such as a command naming
	 * something that does not exist. Thrown from a handler, it sends the record to the
	 * dead-letter topic at once.
	 * @param reason why, recorded with the dead letter
	 * @return the exception to throw
	 */
	public static UnreadableEventException refused(String reason) {
		return new UnreadableEventException(reason, null);
	}

}
