package dev.nori.servicedefaults.internal;

import java.util.List;

import dev.nori.servicedefaults.core.production.ProductionCheck;
import dev.nori.servicedefaults.core.production.SecretSetting;

import org.springframework.core.env.Environment;

/**
 * Under the {@code prod} profile every service needs a strong internal secret: internal
 * endpoints answer only callers that show it.
 */
public class InternalSecretCheck implements ProductionCheck {

	/** The setting: {@code nori.internal.secret}, from {@code NORI_INTERNAL_SECRET}. */
	public static final SecretSetting SECRET = new SecretSetting("nori.internal.secret", "NORI_INTERNAL_SECRET", 32);

	@Override
	public List<String> problems(Environment environment) {
		return SECRET.problem(environment).stream().toList();
	}

}
