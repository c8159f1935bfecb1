package dev.nori.notification.mail;

import java.util.List;

import dev.nori.servicedefaults.core.production.ProductionCheck;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The {@code log} driver writes mail to files and delivers nothing: refused under the
 * {@code prod} profile.
 */
public class MailDriverCheck implements ProductionCheck {

	@Override
	public List<String> problems(Environment environment) {
		String driver = Binder.get(environment).bind("nori.notifications.mail.driver", String.class).orElse("log");
		return "log".equals(driver)
				? List.of("NORI_NOTIFICATIONS_MAIL_DRIVER (nori.notifications.mail.driver) is log: mail would be "
						+ "written to files, never sent; use smtp or http")
				: List.of();
	}

}
