package dev.nori.gateway.session;

import java.time.Duration;
import java.util.Map;

import dev.nori.contracts.problem.ProblemType;
import dev.nori.gateway.safety.ClientAddresses;
import dev.nori.servicedefaults.core.problem.Problems;
import dev.nori.servicedefaults.core.requestid.RequestIds;
import tools.jackson.databind.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

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

	private final AuthServiceClient auth;

	private final JsonMapper json;

	BrowserSessionEndpoints(BrowserSessionProperties properties, AuthServiceClient auth, JsonMapper json) {
		this.properties = properties;
		this.auth = auth;
		this.json = json;
	}

	Mono<ServerResponse> login(ServerRequest request) {
		String requestId = String.valueOf(request.headers().firstHeader(RequestIds.HEADER));
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
				AuthServiceClient.Pair pair = this.json.readValue(answer.body(), AuthServiceClient.Pair.class);
				return request.session()
					.flatMap((session) -> session.changeSessionId().thenReturn(session))
					.flatMap((session) -> {
						SessionTokens tokens = new SessionTokens(pair.accessToken(), pair.refreshToken(),
								this.auth.expiresAt(pair), CsrfTokens.newSecret());
						tokens.storeIn(session);
						session.start();
						return loggedIn(tokens);
					});
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
				.then(ServerResponse.noContent().cookie(expired(this.properties.csrfCookieName(), false)).build());
		});
	}

	private Mono<ServerResponse> loggedIn(SessionTokens tokens) {
		String csrf = CsrfTokens.mask(tokens.csrfSecret());
		// readable by scripts on purpose: they send it back in the header
		ResponseCookie cookie = ResponseCookie.from(this.properties.csrfCookieName(), csrf)
			.path("/")
			.secure(this.properties.secureCookie())
			.sameSite("Lax")
			.httpOnly(false)
			.build();
		return ServerResponse.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.header("Cache-Control", "no-store")
			.cookie(cookie)
			.bodyValue(Map.of("authenticated", true, "csrfToken", csrf, "csrfHeader", this.properties.csrfHeader()));
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

	private static Mono<ServerResponse> problem(ServerRequest request, ProblemType type, String detail) {
		return ServerResponse.status(type.status())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyValue(Problems.of(type, detail, request.path(), request.headers().firstHeader(RequestIds.HEADER)));
	}

}
