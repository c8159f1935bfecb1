package dev.nori.content.paging;

import java.util.List;

import dev.nori.servicedefaults.core.production.ProductionCheck;
import dev.nori.servicedefaults.core.production.SecretSetting;

import org.springframework.core.env.Environment;

/**
 * Without a cursor secret each process signs feed cursors with a key of its own, so a
 * cursor breaks on another instance or after a restart: refused under the {@code prod}
 * profile.
 */
public class CursorSecretCheck implements ProductionCheck {

	private static final SecretSetting SECRET = new SecretSetting("nori.content.pagination.cursor-secret",
			"NORI_CURSOR_SECRET", 32);

	@Override
	public List<String> problems(Environment environment) {
		return SECRET.problem(environment).stream().toList();
	}

}
