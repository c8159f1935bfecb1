package dev.nori.eventing.inbox;

/**
 * A record that can never be handled as it is (not a CloudEvent, or data that does not
 * fit the payload type): it goes to the dead-letter topic without retries.
 */
public class UnreadableEventException extends RuntimeException {

	UnreadableEventException(String message, Throwable cause) {
		super(message, cause);
	}

}
