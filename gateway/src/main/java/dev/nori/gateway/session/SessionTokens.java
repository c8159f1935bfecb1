package dev.nori.gateway.session;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.web.server.WebSession;

/**
 * What a browser session holds: the user's tokens and the CSRF secret. Kept in the
 * session (Redis), never sent to the browser.
 *
 * @param accessToken the access token relayed as a bearer token
 * @param refreshToken the refresh token
 * @param accessExpiresAt when the access token expires
 * @param csrfSecret the secret CSRF tokens are masked from
 */
record SessionTokens(String accessToken, String refreshToken, Instant accessExpiresAt, String csrfSecret) {

	private static final String ACCESS = "nori.access";

	private static final String REFRESH = "nori.refresh";

	private static final String EXPIRES = "nori.accessExpiresAt";

	private static final String CSRF = "nori.csrf";

	static @Nullable SessionTokens of(WebSession session) {
		Map<String, Object> attributes = session.getAttributes();
		Object access = attributes.get(ACCESS);
		Object refresh = attributes.get(REFRESH);
		Object expires = attributes.get(EXPIRES);
		Object csrf = attributes.get(CSRF);
		if (access == null || refresh == null || expires == null || csrf == null) {
			return null;
		}
		return new SessionTokens(access.toString(), refresh.toString(), Instant.ofEpochMilli((Long) expires),
				csrf.toString());
	}

	void storeIn(WebSession session) {
		session.getAttributes().put(ACCESS, this.accessToken);
		session.getAttributes().put(REFRESH, this.refreshToken);
		session.getAttributes().put(EXPIRES, this.accessExpiresAt.toEpochMilli());
		session.getAttributes().put(CSRF, this.csrfSecret);
	}

}
