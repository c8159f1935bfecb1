package dev.nori.servicedefaults.core.production;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * Runs every {@link ProductionCheck} on the class path when the {@code prod} profile is
 * active, once logging is set up and before the first bean is created, and stops the
 * process with all their problems if there are any.
 */
public class ProductionGuard implements ApplicationListener<ApplicationPreparedEvent> {

	/** The profile that turns the checks on. */
	public static final String PROFILE = "prod";

	@Override
	public void onApplicationEvent(ApplicationPreparedEvent event) {
		ConfigurableEnvironment environment = event.getApplicationContext().getEnvironment();
		if (!environment.acceptsProfiles(Profiles.of(PROFILE))) {
			return;
		}
		List<ProductionCheck> checks = SpringFactoriesLoader
			.forDefaultResourceLocation(event.getApplicationContext().getClassLoader())
			.load(ProductionCheck.class);
		refuseIfAny(checks, environment);
	}

	/**
	 * Runs checks and throws when any finds a problem.
	 * @param checks the checks
	 * @param environment the environment they read
	 * @throws ProductionRefusedException naming every problem
	 */
	static void refuseIfAny(List<ProductionCheck> checks, ConfigurableEnvironment environment) {
		List<String> problems = new ArrayList<>();
		checks.forEach((check) -> problems.addAll(check.problems(environment)));
		if (!problems.isEmpty()) {
			throw new ProductionRefusedException(problems);
		}
	}

}
