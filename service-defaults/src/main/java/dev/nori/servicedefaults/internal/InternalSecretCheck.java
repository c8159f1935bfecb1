package dev.nori.servicedefaults.internal;

import dev.nori.servicedefaults.core.production.SecretCheck;
import dev.nori.servicedefaults.core.production.SecretSetting;

/**
 * Under the {@code prod} profile every service needs a strong internal secret: internal
 * endpoints answer only callers that show it.
 */
public class InternalSecretCheck extends SecretCheck {

	/** Checks {@code nori.internal.secret}, set with {@code NORI_INTERNAL_SECRET}. */
	public InternalSecretCheck() {
		super(new SecretSetting("nori.internal.secret", "NORI_INTERNAL_SECRET", 32));
	}

}
