package dev.nori.gateway.session;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import dev.nori.contracts.problem.ProblemType;
import dev.nori.gateway.routing.GatewayProperties;
import dev.nori.gateway.safety.ClientAddresses;
import dev.nori.servicedefaults.core.problem.Problems;
import dev.nori.servicedefaults.core.requestid.RequestIds;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code POST /api/auth/session} logs a browser in (the tokens stay in the session),
 * {@code GET} tells whether it is logged in and hands out a fresh CSRF token,
 * {@code DELETE} logs it out: auth-service revokes the tokens, the session is destroyed.
 */
class BrowserSessionEndpoints {

	static final String PATH = "/api/auth/session";

	private static final Logger log = LoggerFactory.getLogger(BrowserSessionEndpoints.class);

	private final BrowserSessionProperties properties;

	private final GatewayProperties routes;

	private final AuthServiceClient auth;

	private final JsonMapper json;

	BrowserSessionEndpoints(BrowserSessionProperties properties, GatewayProperties routes, AuthServiceClient auth,
			JsonMapper json) {
		this.properties = properties;
		this.routes = routes;
		this.auth = auth;
		this.json = json;
	}

	Mono<ServerResponse> login(ServerRequest request) {
		if (request.headers()
			.contentType()
			.filter(MediaType.APPLICATION_FORM_URLENCODED::isCompatibleWith)
			.isPresent()) {
			return formLogin(request);
		}
		String requestId = requestId(request);
		return request.bodyToMono(String.class)
			.defaultIfEmpty("")
			.flatMap((body) -> this.auth.login(body, ClientAddresses.of(request.exchange()), requestId))
			.flatMap((answer) -> {
				if (answer.status() != HttpStatus.OK.value()) {
					// auth-service's problem, as it answered
					return ServerResponse.status(answer.status())
						.contentType(answer.contentType())
						.bodyValue(answer.body());
				}
				return startSession(request, answer).flatMap(this::loggedIn);
			});
	}

	// A login form of a service's page (the jobs dashboard): email, password and the page
	// to return to; answers with a redirect, never with tokens.
	private Mono<ServerResponse> formLogin(ServerRequest request) {
		// a form posted from another site would log this browser into someone else's
		// account (login CSRF); browsers say where a form came from
		String site = request.headers().firstHeader("Sec-Fetch-Site");
		if (site != null && !site.equals("same-origin") && !site.equals("none")) {
			return problem(request, ProblemType.FORBIDDEN, "Log in from this site's own login form.");
		}
		String requestId = requestId(request);
		return request.formData().flatMap((form) -> {
			String redirect = form.getFirst("redirect");
			if (!isPage(redirect)) {
				return problem(request, ProblemType.BAD_REQUEST,
						"The login form's redirect must be a page of this site, such as /jobs/dashboard.");
			}
			Map<String, String> credentials = Map.of("email", String.valueOf(form.getFirst("email")), "password",
					String.valueOf(form.getFirst("password")));
			return this.auth
				.login(this.json.writeValueAsString(credentials), ClientAddresses.of(request.exchange()), requestId)
				.flatMap((answer) -> {
					if (answer.status() != HttpStatus.OK.value()) {
						// the page says so; what exactly failed stays with auth-service
						return seeOther(redirect + "?login=failed").build();
					}
					return startSession(request, answer)
						.flatMap((tokens) -> seeOther(redirect).cookie(csrfCookie(tokens)).build());
				});
		});
	}

	// a path of a page route: no scheme, no host, nothing that a browser reads as
	// another origin
	private boolean isPage(@Nullable String redirect) {
		if (redirect == null || redirect.startsWith("//") || redirect.contains("\\") || redirect.contains("://")) {
			return false;
		}
		try {
			URI uri = URI.create(redirect);
			return uri.getScheme() == null && uri.getRawAuthority() == null && uri.getRawQuery() == null
					&& this.routes.isPage(uri.getPath()) && !uri.getPath().contains("..");
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static ServerResponse.BodyBuilder seeOther(String location) {
		return ServerResponse.status(HttpStatus.SEE_OTHER)
			.header(HttpHeaders.LOCATION, location)
			.header(HttpHeaders.CACHE_CONTROL, "no-store");
	}

	private Mono<SessionTokens> startSession(ServerRequest request, AuthServiceClient.Answer answer) {
		AuthServiceClient.Pair pair = this.json.readValue(answer.body(), AuthServiceClient.Pair.class);
		return request.session().flatMap((session) -> session.changeSessionId().thenReturn(session)).map((session) -> {
			SessionTokens tokens = new SessionTokens(pair.accessToken(), pair.refreshToken(), this.auth.expiresAt(pair),
					CsrfTokens.newSecret());
			tokens.storeIn(session);
			session.start();
			return tokens;
		});
	}

	Mono<ServerResponse> status(ServerRequest request) {
		return request.session().flatMap((session) -> {
			SessionTokens tokens = SessionTokens.of(session);
			if (tokens == null) {
				return ServerResponse.ok()
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(Map.of("authenticated", false));
			}
			return loggedIn(tokens);
		});
	}

	Mono<ServerResponse> logout(ServerRequest request) {
		return request.session().flatMap((session) -> {
			SessionTokens tokens = SessionTokens.of(session);
			if (tokens == null) {
				return problem(request, ProblemType.UNAUTHORIZED, "There is no session to end.");
			}
			// the relay filter has checked the CSRF token of this DELETE
			// the session ends either way; tokens auth-service did not revoke expire
			// within minutes
			return this.auth.logout(tokens.accessToken()).onErrorResume((ex) -> {
				log.warn("Logout at auth-service failed; the browser session is ended anyway: {}", ex.toString());
				return Mono.empty();
			})
				.then(session.invalidate())
				.then(ServerResponse.noContent()
					// a page's htmx logout button: reload, and the page shows
					// its login form
					.headers((headers) -> {
						if (request.headers().firstHeader("HX-Request") != null) {
							headers.set("HX-Refresh", "true");
						}
					})
					.cookie(expired(this.properties.csrfCookieName(), false))
					.build());
		});
	}

	private Mono<ServerResponse> loggedIn(SessionTokens tokens) {
		ResponseCookie cookie = csrfCookie(tokens);
		return ServerResponse.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.header("Cache-Control", "no-store")
			.cookie(cookie)
			.bodyValue(Map.of("authenticated", true, "csrfToken", cookie.getValue(), "csrfHeader",
					this.properties.csrfHeader()));
	}

	// readable by scripts on purpose: they send it back in the header
	private ResponseCookie csrfCookie(SessionTokens tokens) {
		return ResponseCookie.from(this.properties.csrfCookieName(), CsrfTokens.mask(tokens.csrfSecret()))
			.path("/")
			.secure(this.properties.secureCookie())
			.sameSite("Lax")
			.httpOnly(false)
			.build();
	}

	private ResponseCookie expired(String name, boolean httpOnly) {
		return ResponseCookie.from(name, "")
			.path("/")
			.maxAge(Duration.ZERO)
			.secure(this.properties.secureCookie())
			.sameSite("Lax")
			.httpOnly(httpOnly)
			.build();
	}

	// the gateway's id of the request (the client's header only when it was safe)
	private static String requestId(ServerRequest request) {
		return String.valueOf(request.exchange().<String>getAttribute(RequestIds.CONTEXT_KEY));
	}

	private static Mono<ServerResponse> problem(ServerRequest request, ProblemType type, String detail) {
		return ServerResponse.status(type.status())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyValue(Problems.of(type, detail, request.path(), requestId(request)));
	}

}
