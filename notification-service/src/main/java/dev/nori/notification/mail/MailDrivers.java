package dev.nori.notification.mail;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/**
 * The driver configuration chose. An unknown name stops the service at start.
 */
@Component
public class MailDrivers {

	private final MailDriver selected;

	MailDrivers(List<MailDriver> drivers, MailProperties properties) {
		this.selected = drivers.stream()
			.filter((driver) -> driver.name().equals(properties.driver()))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(
					"nori.notifications.mail.driver=" + properties.driver() + " names no driver; there are "
							+ drivers.stream().map(MailDriver::name).sorted().collect(Collectors.joining(", "))));
	}

	/**
	 * Returns the driver in use.
	 * @return the driver
	 */
	public MailDriver selected() {
		return this.selected;
	}

}
