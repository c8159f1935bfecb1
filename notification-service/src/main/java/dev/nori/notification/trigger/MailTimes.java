package dev.nori.notification.trigger;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How mail shows a time.
 */
final class MailTimes {

	private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private MailTimes() {
	}

	static String format(Instant time) {
		return FORMAT.format(time);
	}

}
