package dev.nori.gateway.identity;

import dev.nori.servicedefaults.core.production.SecretCheck;
import dev.nori.servicedefaults.core.production.SecretSetting;

/**
 * The gateway shows the internal secret when it exchanges API keys with auth-service:
 * under the {@code prod} profile it must be a strong one.
 */
public class ApiKeySecretCheck extends SecretCheck {

	/** Checks the internal secret as the gateway reads it. */
	public ApiKeySecretCheck() {
		super(new SecretSetting("nori.gateway.identity.api-keys.internal-secret", "NORI_INTERNAL_SECRET", 32));
	}

}
