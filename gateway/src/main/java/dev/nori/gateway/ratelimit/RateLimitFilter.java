package dev.nori.gateway.ratelimit;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.nori.gateway.degraded.DegradedMode;
import dev.nori.gateway.edge.EdgeFilter;
import dev.nori.gateway.identity.VerifiedToken;
import dev.nori.gateway.safety.ClientAddresses;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Charges every request to the bucket of its policy and caller (the verified user, or
 * else the client address); refuses it with 429 when the bucket is empty. Every limited
 * response carries {@code RateLimit-Limit}, {@code RateLimit-Remaining} and
 * {@code RateLimit-Reset}. When the buckets cannot be reached the request goes on: a
 * broken limiter must not take the API down. That is logged at most once a minute and
 * counted in {@code nori.gateway.ratelimit.unavailable}.
 */
class RateLimitFilter implements EdgeFilter {

	private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

	private final TokenBuckets buckets;

	private final List<NamedPolicy> policies;

	private final NamedPolicy defaults;

	private final DegradedMode unavailable;

	private final MeterRegistry meters;

	RateLimitFilter(TokenBuckets buckets, RateLimitProperties properties, MeterRegistry meters) {
		this.buckets = buckets;
		this.meters = meters;
		PathPatternParser parser = PathPatternParser.defaultInstance;
		this.policies = properties.policies()
			.entrySet()
			.stream()
			.map((entry) -> NamedPolicy.of(entry.getKey(), entry.getValue(), parser))
			.sorted(Comparator.comparing(NamedPolicy::pattern, PathPattern.SPECIFICITY_COMPARATOR))
			.toList();
		this.defaults = NamedPolicy.of("default", properties.defaults(), parser);
		this.unavailable = new DegradedMode("nori.gateway.ratelimit.unavailable",
				"Requests let through because the rate-limit buckets could not be reached", log,
				"Rate limits are not applied: the buckets cannot be reached ({}). Requests go through.", meters);
		// every policy's counter exists from the start, so a dashboard sees
		// zero, not nothing
		Stream.concat(this.policies.stream(), Stream.of(this.defaults)).forEach(this::rejections);
	}

	private Counter rejections(NamedPolicy policy) {
		return Counter.builder("nori.gateway.ratelimit.rejected")
			.description("Requests refused with 429 because their rate-limit bucket was empty")
			.tag("policy", policy.name())
			.register(this.meters);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		NamedPolicy policy = policyFor(exchange);
		String key = policy.name() + ":" + caller(exchange);
		Decision atHand = this.buckets.takeAtHand(key, policy.policy());
		if (atHand != null) {
			return apply(policy, atHand, exchange, chain);
		}
		return this.buckets.take(key, policy.policy()).map(Optional::of).onErrorResume((ex) -> {
			this.unavailable.record(ex);
			return Mono.just(Optional.empty());
		})
			.flatMap((decision) -> decision.isEmpty() ? chain.filter(exchange)
					: apply(policy, decision.get(), exchange, chain));
	}

	private Mono<Void> apply(NamedPolicy policy, Decision decision, ServerWebExchange exchange, WebFilterChain chain) {
		HttpHeaders headers = exchange.getResponse().getHeaders();
		headers.set("RateLimit-Limit", Long.toString(decision.limit()));
		headers.set("RateLimit-Remaining", Long.toString(decision.remaining()));
		headers.set("RateLimit-Reset", Long.toString(decision.resetSeconds()));
		if (decision.allowed()) {
			return chain.filter(exchange);
		}
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, decision.retryAfterSeconds())));
		rejections(policy).increment();
		return Mono.error(new ResponseStatusException(HttpStatus.TOO_MANY_REQUESTS));
	}

	// a verified caller has one bucket wherever it calls from; anyone else
	// one per address
	private static String caller(ServerWebExchange exchange) {
		return VerifiedToken.of(exchange)
			.map((token) -> "user:" + token.issuer() + ":" + token.subject())
			.orElseGet(() -> "ip:" + ClientAddresses.of(exchange));
	}

	private NamedPolicy policyFor(ServerWebExchange exchange) {
		var path = exchange.getRequest().getPath().pathWithinApplication();
		for (NamedPolicy policy : this.policies) {
			if ((policy.methods().isEmpty() || policy.methods().contains(exchange.getRequest().getMethod()))
					&& policy.pattern().matches(path)) {
				return policy;
			}
		}
		return this.defaults;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 8;
	}

	// a pattern may name methods first: "POST /api/auth/session"
	private record NamedPolicy(String name, java.util.Set<HttpMethod> methods, PathPattern pattern,
			RateLimitProperties.Policy policy) {

		static NamedPolicy of(String name, RateLimitProperties.Policy policy, PathPatternParser parser) {
			String[] parts = policy.pattern().trim().split("\\s+");
			java.util.Set<HttpMethod> methods = (parts.length == 2) ? java.util.Arrays.stream(parts[0].split(","))
				.map((method) -> HttpMethod.valueOf(method.toUpperCase(java.util.Locale.ROOT)))
				.collect(java.util.stream.Collectors.toUnmodifiableSet()) : java.util.Set.of();
			return new NamedPolicy(name, methods, parser.parse(parts[parts.length - 1]), policy);
		}

	}

}
