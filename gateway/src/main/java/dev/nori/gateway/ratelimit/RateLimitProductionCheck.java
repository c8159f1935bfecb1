package dev.nori.gateway.ratelimit;

import java.util.List;

import dev.nori.servicedefaults.core.production.ProductionCheck;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Limits in memory hold per gateway instance and are forgotten at every restart: refused
 * under the {@code prod} profile.
 */
public class RateLimitProductionCheck implements ProductionCheck {

	@Override
	public List<String> problems(Environment environment) {
		RateLimitProperties.Backend backend = Binder.get(environment)
			.bind("nori.gateway.rate-limit.backend", RateLimitProperties.Backend.class)
			.orElse(RateLimitProperties.Backend.REDIS);
		return (backend == RateLimitProperties.Backend.MEMORY)
				? List.of("NORI_GATEWAY_RATELIMIT_BACKEND (nori.gateway.rate-limit.backend) is memory: "
						+ "each instance would count alone; use redis")
				: List.of();
	}

}
