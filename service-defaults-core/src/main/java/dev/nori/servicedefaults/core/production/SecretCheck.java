package dev.nori.servicedefaults.core.production;

import java.util.List;

import org.springframework.core.env.Environment;

/**
 * A production check of one secret setting; a module's check names the setting.
 */
public abstract class SecretCheck implements ProductionCheck {

	private final SecretSetting secret;

	/**
	 * Creates the check of a secret.
	 * @param secret the setting and its rules
	 */
	protected SecretCheck(SecretSetting secret) {
		this.secret = secret;
	}

	@Override
	public List<String> problems(Environment environment) {
		return this.secret.problem(environment).stream().toList();
	}

}
