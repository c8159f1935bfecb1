package dev.nori.gateway.identity;

import java.util.List;

import dev.nori.servicedefaults.core.production.ProductionCheck;
import dev.nori.servicedefaults.core.production.SecretSetting;

import org.springframework.core.env.Environment;

/**
 * The gateway shows the internal secret when it exchanges API keys with auth-service:
 * under the {@code prod} profile it must be a strong one.
 */
public class ApiKeySecretCheck implements ProductionCheck {

	private static final SecretSetting SECRET = new SecretSetting("nori.gateway.identity.api-keys.internal-secret",
			"NORI_INTERNAL_SECRET", 32);

	@Override
	public List<String> problems(Environment environment) {
		return SECRET.problem(environment).stream().toList();
	}

}
