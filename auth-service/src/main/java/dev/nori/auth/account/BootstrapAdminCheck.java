package dev.nori.auth.account;

import java.util.List;

import dev.nori.servicedefaults.core.production.ProductionCheck;
import dev.nori.servicedefaults.core.production.SecretSetting;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The first admin's password, when one is configured, must not be the example of
 * {@code .env.example} under the {@code prod} profile (whether it is strong enough is the
 * password policy's call, checked when the admin is created).
 */
public class BootstrapAdminCheck implements ProductionCheck {

	@Override
	public List<String> problems(Environment environment) {
		String password = Binder.get(environment).bind("nori.bootstrap.admin.password", String.class).orElse(null);
		if (password != null && password.strip().startsWith(SecretSetting.EXAMPLE_PREFIX)) {
			return List.of("NORI_BOOTSTRAP_ADMIN_PASSWORD (nori.bootstrap.admin.password) still has the example "
					+ "value from .env.example: choose the first admin's password");
		}
		return List.of();
	}

}
