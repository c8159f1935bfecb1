package dev.nori.auth.social;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.nori.auth.session.ClientInfo;
import dev.nori.auth.session.SecretTokens;
import dev.nori.auth.session.SessionService;
import dev.nori.auth.session.TokenPair;
import dev.nori.auth.user.User;
import dev.nori.contracts.problem.ProblemType;
import dev.nori.servicedefaults.audit.AuditLog;
import dev.nori.servicedefaults.audit.AuditLog.Outcome;
import dev.nori.servicedefaults.problem.ProblemException;
import dev.nori.servicedefaults.problem.ProblemResponses;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Ends a social login: on success the user is found or created and a session opened, and
 * the tokens go to the client (as JSON, or behind a one-time code on the configured
 * redirect); on failure nothing is created and the client gets 401 (or the failure
 * redirect).
 */
class SocialLoginHandlers implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

	private static final Logger log = LoggerFactory.getLogger(SocialLoginHandlers.class);

	private final SocialAccounts accounts;

	private final SessionService sessions;

	private final StringRedisTemplate redis;

	private final SocialProperties properties;

	private final AuditLog audit;

	private final JsonMapper json;

	SocialLoginHandlers(SocialAccounts accounts, SessionService sessions, StringRedisTemplate redis,
			SocialProperties properties, AuditLog audit, JsonMapper json) {
		this.accounts = accounts;
		this.sessions = sessions;
		this.redis = redis;
		this.properties = properties;
		this.audit = audit;
		this.json = json;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		OAuth2AuthenticationToken token = (OAuth2AuthenticationToken) authentication;
		User user;
		try {
			user = this.accounts.resolve(account(token));
		}
		catch (ProblemException ex) {
			writeProblem(request, response, ex.type(), ex.getMessage());
			return;
		}
		TokenPair pair = this.sessions.open(user, ClientInfo.of(request));
		this.audit.audit("login.social", "user:" + user.id(), Outcome.SUCCESS, user.id().toString(),
				Map.of("provider", token.getAuthorizedClientRegistrationId()));
		if (this.properties.successRedirect() == null) {
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.setHeader("Cache-Control", "no-store");
			response.getOutputStream().write(this.json.writeValueAsBytes(pair));
			return;
		}
		String code = SecretTokens.generate();
		this.redis.opsForValue().set(codeKey(code), this.json.writeValueAsString(pair), this.properties.codeTtl());
		response.sendRedirect(UriComponentsBuilder.fromUri(this.properties.successRedirect())
			.queryParam("code", code)
			.build()
			.toUriString());
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		log.info("Social login refused: {}", exception.getMessage());
		this.audit.audit("login.social", "provider", Outcome.FAILURE, null,
				Map.of("reason", String.valueOf(exception.getMessage())));
		if (this.properties.failureRedirect() != null) {
			response.sendRedirect(UriComponentsBuilder.fromUri(this.properties.failureRedirect())
				.queryParam("error", "social_login_failed")
				.build()
				.toUriString());
			return;
		}
		writeProblem(request, response, ProblemType.UNAUTHORIZED,
				"The login with the other provider failed or expired. Start it again.");
	}

	/**
	 * Takes the tokens a one-time code stands for; the code works once.
	 * @param code the code from the success redirect
	 * @return the tokens, or {@code null} when the code is unknown, used or expired
	 */
	@Nullable TokenPair redeem(String code) {
		String stored = this.redis.opsForValue().getAndDelete(codeKey(code));
		return (stored != null) ? this.json.readValue(stored, TokenPair.class) : null;
	}

	private String codeKey(String code) {
		return this.properties.keyPrefix() + "code:" + java.util.HexFormat.of().formatHex(SecretTokens.hash(code));
	}

	private static SocialAccounts.ProviderAccount account(OAuth2AuthenticationToken token) {
		String provider = token.getAuthorizedClientRegistrationId();
		OAuth2User principal = token.getPrincipal();
		if (principal instanceof OidcUser oidc) {
			return new SocialAccounts.ProviderAccount(provider, oidc.getSubject(), oidc.getEmail(),
					Boolean.TRUE.equals(oidc.getEmailVerified()), oidc.getFullName());
		}
		// GitHub: a numeric id; its profile address is not known to be verified
		Object id = principal.getAttribute("id");
		return new SocialAccounts.ProviderAccount(provider, String.valueOf((id != null) ? id : principal.getName()),
				principal.getAttribute("email"), false, principal.getAttribute("name"));
	}

	private void writeProblem(HttpServletRequest request, HttpServletResponse response, ProblemType type, String detail)
			throws IOException {
		ProblemResponses.write(request, response, type, detail, this.json);
	}

}
