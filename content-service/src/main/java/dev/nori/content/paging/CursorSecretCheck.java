package dev.nori.content.paging;

import dev.nori.servicedefaults.core.production.SecretCheck;
import dev.nori.servicedefaults.core.production.SecretSetting;

/**
 * Without a cursor secret each process signs feed cursors with a key of its own, so a
 * cursor breaks on another instance or after a restart: refused under the {@code prod}
 * profile.
 */
public class CursorSecretCheck extends SecretCheck {

	/** Checks {@code nori.content.pagination.cursor-secret}. */
	public CursorSecretCheck() {
		super(new SecretSetting("nori.content.pagination.cursor-secret", "NORI_CURSOR_SECRET", 32));
	}

}
