package dev.nori.servicedefaults.core.production;

import java.util.List;

import org.springframework.core.env.Environment;

/**
 * Settings a module refuses under the {@code prod} profile. Implementations are listed in
 * {@code META-INF/spring.factories} under this interface's name and read the environment
 * only: they run before any bean exists, so nothing is connected or migrated before a
 * refusal.
 */
@FunctionalInterface
public interface ProductionCheck {

	/**
	 * Returns what is wrong for production.
	 * @param environment the process's environment
	 * @return one sentence per problem, naming the setting (and its environment variable)
	 * and what to do; empty when all is well
	 */
	List<String> problems(Environment environment);

}
