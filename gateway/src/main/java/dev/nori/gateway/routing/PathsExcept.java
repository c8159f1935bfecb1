package dev.nori.gateway.routing;

import java.util.List;
import java.util.function.Predicate;

import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * A route's paths less some: one synchronous test, where Spring Cloud Gateway's
 * {@code and().not(…)} combines two predicates with a Reactor {@code flatMap} for every
 * request the route is tried on.
 */
final class PathsExcept implements Predicate<ServerWebExchange> {

	private final List<PathPattern> paths;

	private final List<PathPattern> except;

	PathsExcept(List<String> paths, List<String> except) {
		this.paths = parse(paths);
		this.except = parse(except);
	}

	@Override
	public boolean test(ServerWebExchange exchange) {
		PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
		return matchesAny(this.paths, path) && !matchesAny(this.except, path);
	}

	private static boolean matchesAny(List<PathPattern> patterns, PathContainer path) {
		for (PathPattern pattern : patterns) {
			if (pattern.matches(path)) {
				return true;
			}
		}
		return false;
	}

	private static List<PathPattern> parse(List<String> patterns) {
		return patterns.stream().map(PathPatternParser.defaultInstance::parse).toList();
	}

	@Override
	public String toString() {
		return "Paths: " + this.paths + " except " + this.except;
	}

}
