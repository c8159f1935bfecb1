package dev.nori.servicedefaults.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.nori.contracts.problem.ProblemType;
import dev.nori.servicedefaults.problem.ProblemResponses;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers a missing or bad token with 401 (and the RFC 6750 {@code WWW-Authenticate}
 * challenge) and a missing permission with 403, both as problem JSON.
 */
public class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final JsonMapper json;

	/**
	 * Creates the handlers.
	 * @param json writes the problems
	 */
	public ProblemSecurityHandlers(JsonMapper json) {
		this.json = json;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		boolean invalid = authException instanceof InvalidBearerTokenException;
		String detail = invalid ? "The access token is invalid or expired."
				: "This address needs a bearer access token.";
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
				invalid ? "Bearer error=\"invalid_token\", error_description=\"" + detail + "\"" : "Bearer");
		write(response, request, ProblemType.UNAUTHORIZED, detail);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		write(response, request, ProblemType.FORBIDDEN, "You do not have the permission this needs.");
	}

	private void write(HttpServletResponse response, HttpServletRequest request, ProblemType type, String detail)
			throws IOException {
		ProblemResponses.write(request, response, type, detail, this.json);
	}

}
