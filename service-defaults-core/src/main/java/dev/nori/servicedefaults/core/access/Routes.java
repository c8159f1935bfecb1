package dev.nori.servicedefaults.core.access;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * A list of routes, each a path pattern with optional methods:
 * {@code "POST /api/auth/login"}, {@code "GET,HEAD /api/search/**"}, or
 * {@code "/api/auth/jwks"} for every method.
 */
public final class Routes {

	private final List<Route> routes;

	private Routes(List<Route> routes) {
		this.routes = routes;
	}

	/**
	 * Reads route declarations.
	 * @param declarations each {@code "[METHOD[,METHOD]] /path/pattern"}
	 * @return the routes
	 * @throws IllegalArgumentException for a declaration that cannot be read
	 */
	public static Routes parse(List<String> declarations) {
		return new Routes(declarations.stream().map(Routes::parseOne).toList());
	}

	private static Route parseOne(String declaration) {
		String[] parts = declaration.trim().split("\\s+");
		if (parts.length == 1 && parts[0].startsWith("/")) {
			return new Route(Set.of(), PathPatternParser.defaultInstance.parse(parts[0]));
		}
		if (parts.length != 2 || !parts[1].startsWith("/")) {
			throw new IllegalArgumentException("Route '" + declaration + "' is not '[METHOD[,METHOD]] /path/pattern'");
		}
		Set<HttpMethod> methods = Arrays.stream(parts[0].split(","))
			.map((method) -> method(method, declaration))
			.collect(Collectors.toUnmodifiableSet());
		return new Route(methods, PathPatternParser.defaultInstance.parse(parts[1]));
	}

	private static HttpMethod method(String name, String declaration) {
		HttpMethod method = HttpMethod.valueOf(name.toUpperCase(Locale.ROOT));
		if (!Arrays.asList(HttpMethod.values()).contains(method)) {
			throw new IllegalArgumentException("Route '" + declaration + "' names an unknown method " + name);
		}
		return method;
	}

	/**
	 * Tells whether a request matches any of the routes.
	 * @param method the request's method
	 * @param path the request's path
	 * @return whether a route matches
	 */
	public boolean matches(HttpMethod method, PathContainer path) {
		for (Route route : this.routes) {
			if ((route.methods().isEmpty() || route.methods().contains(method)) && route.pattern().matches(path)) {
				return true;
			}
		}
		return false;
	}

	private record Route(Set<HttpMethod> methods, PathPattern pattern) {
	}

}
