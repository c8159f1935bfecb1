package dev.nori.auth.social;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.nori.auth.session.SecretTokens;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;

/**
 * Keeps started logins in Redis under their {@code state}, so that any instance can take
 * the callback and each state works once (it is deleted when read). The browser that
 * started the login gets an HttpOnly cookie whose value must come back with the callback:
 * a callback URL sent to someone else (login CSRF) is refused, and does not use the login
 * up.
 */
class RedisAuthorizationRequests implements AuthorizationRequestRepository<OAuth2AuthorizationRequest> {

	static final String COOKIE = "nori_social";

	private static final Logger log = LoggerFactory.getLogger(RedisAuthorizationRequests.class);

	// only what an authorization request is made of may be read back
	private static final ObjectInputFilter ALLOWED = ObjectInputFilter.Config
		.createFilter("java.lang.*;java.util.*;java.net.*;org.springframework.security.oauth2.core.**;!*");

	private final StringRedisTemplate redis;

	private final SocialProperties properties;

	RedisAuthorizationRequests(StringRedisTemplate redis, SocialProperties properties) {
		this.redis = redis;
		this.properties = properties;
	}

	@Override
	public @Nullable OAuth2AuthorizationRequest loadAuthorizationRequest(HttpServletRequest request) {
		String state = request.getParameter(OAuth2ParameterNames.STATE);
		if (state == null) {
			return null;
		}
		return read(this.redis.opsForValue().get(key(state)), request);
	}

	@Override
	public void saveAuthorizationRequest(@Nullable OAuth2AuthorizationRequest authorizationRequest,
			HttpServletRequest request, HttpServletResponse response) {
		if (authorizationRequest == null) {
			return;
		}
		String binding = SecretTokens.generate();
		this.redis.opsForValue()
			.set(key(authorizationRequest.getState()), fingerprint(binding) + "|" + serialize(authorizationRequest),
					this.properties.stateTtl());
		Cookie cookie = new Cookie(COOKIE, binding);
		cookie.setHttpOnly(true);
		cookie.setSecure(request.isSecure());
		cookie.setPath("/api/auth/social");
		cookie.setMaxAge((int) this.properties.stateTtl().toSeconds());
		cookie.setAttribute("SameSite", "Lax");
		response.addCookie(cookie);
	}

	@Override
	public @Nullable OAuth2AuthorizationRequest removeAuthorizationRequest(HttpServletRequest request,
			HttpServletResponse response) {
		String state = request.getParameter(OAuth2ParameterNames.STATE);
		if (state == null) {
			return null;
		}
		OAuth2AuthorizationRequest found = read(this.redis.opsForValue().get(key(state)), request);
		// only the browser that started the login uses it up, and only once: a replayed
		// or concurrent callback finds nothing
		if (found == null || !Boolean.TRUE.equals(this.redis.delete(key(state)))) {
			return null;
		}
		return found;
	}

	private @Nullable OAuth2AuthorizationRequest read(@Nullable String stored, HttpServletRequest request) {
		if (stored == null) {
			return null;
		}
		int bar = stored.indexOf('|');
		String binding = binding(request);
		if (bar < 0 || binding == null
				|| !MessageDigest.isEqual(stored.substring(0, bar).getBytes(StandardCharsets.UTF_8),
						fingerprint(binding).getBytes(StandardCharsets.UTF_8))) {
			return null;
		}
		return deserialize(stored.substring(bar + 1));
	}

	private static @Nullable String binding(HttpServletRequest request) {
		if (request.getCookies() == null) {
			return null;
		}
		for (Cookie cookie : request.getCookies()) {
			if (COOKIE.equals(cookie.getName())) {
				return cookie.getValue();
			}
		}
		return null;
	}

	private String key(String state) {
		return this.properties.keyPrefix() + "state:" + state;
	}

	private static String fingerprint(String binding) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(SecretTokens.hash(binding));
	}

	private static String serialize(OAuth2AuthorizationRequest request) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(request);
		}
		catch (IOException ex) {
			throw new IllegalStateException("An authorization request could not be stored", ex);
		}
		return Base64.getEncoder().encodeToString(bytes.toByteArray());
	}

	private static @Nullable OAuth2AuthorizationRequest deserialize(String stored) {
		try (ObjectInputStream in = new ObjectInputStream(
				new ByteArrayInputStream(Base64.getDecoder().decode(stored)))) {
			in.setObjectInputFilter(ALLOWED);
			return (OAuth2AuthorizationRequest) in.readObject();
		}
		catch (IOException | ClassNotFoundException | ClassCastException ex) {
			log.warn("A stored authorization request could not be read; the login is refused: {}", ex.toString());
			return null;
		}
	}

}
