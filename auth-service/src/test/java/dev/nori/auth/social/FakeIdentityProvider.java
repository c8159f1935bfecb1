package dev.nori.auth.social;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.nori.testsupport.TestHttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fake OIDC provider (a test double, named as such) for the failures a real provider
 * cannot be made to produce: an ID token with a foreign {@code iss} or the wrong
 * {@code nonce}, codes checked against the PKCE challenge they were issued for, each code
 * usable once. The real provider path is covered against Keycloak.
 */
final class FakeIdentityProvider implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RSAKey key;

	private final HttpServer server;

	private final Map<String, Grant> codes = new ConcurrentHashMap<>();

	volatile String subject = UUID.randomUUID().toString();

	volatile String email = "someone@example.org";

	volatile boolean emailVerified = true;

	volatile String issuerOverride;

	volatile String nonceOverride;

	FakeIdentityProvider() throws Exception {
		this.key = new RSAKeyGenerator(2048).keyID("fake-1").generate();
		this.server = TestHttpServer.start(this::handle);
	}

	String issuer() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** Issues a code as the provider's login page would, for the given parameters. */
	URI authorize(URI authorizationRequest) {
		Map<String, String> query = query(authorizationRequest.getRawQuery());
		String code = UUID.randomUUID().toString();
		this.codes.put(code, new Grant(query.get("nonce"), query.get("code_challenge"), query.get("client_id")));
		return URI.create(query.get("redirect_uri") + "?code=" + code + "&state=" + query.get("state"));
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		try {
			switch (path) {
				case "/.well-known/openid-configuration" -> json(exchange, 200,
						Map.of("issuer", issuer(), "authorization_endpoint", issuer() + "/authorize", "token_endpoint",
								issuer() + "/token", "jwks_uri", issuer() + "/jwks", "userinfo_endpoint",
								issuer() + "/userinfo", "response_types_supported", new String[] { "code" },
								"subject_types_supported", new String[] { "public" },
								"id_token_signing_alg_values_supported", new String[] { "RS256" },
								"code_challenge_methods_supported", new String[] { "S256" }));
				case "/jwks" -> json(exchange, 200, new JWKSet(this.key.toPublicJWK()).toJSONObject());
				case "/token" -> token(exchange);
				// OIDC clients read sub; GitHub-style OAuth2 clients read a numeric id
				case "/userinfo" ->
					json(exchange, 200, Map.of("sub", this.subject, "id", Math.abs((long) this.subject.hashCode()),
							"email", this.email, "email_verified", this.emailVerified, "name", "Fake User"));
				default -> json(exchange, 404, Map.of("error", "not_found"));
			}
		}
		catch (Exception ex) {
			json(exchange, 500, Map.of("error", ex.toString()));
		}
	}

	private void token(HttpExchange exchange) throws Exception {
		Map<String, String> form = query(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		Grant grant = this.codes.remove(form.getOrDefault("code", ""));
		boolean oidc = grant != null && grant.nonce() != null;
		if (grant == null) {
			json(exchange, 400, Map.of("error", "invalid_grant", "error_description", "unknown or used code"));
			return;
		}
		String verifier = form.get("code_verifier");
		if (grant.challenge() == null || verifier == null || !grant.challenge().equals(s256(verifier))) {
			json(exchange, 400, Map.of("error", "invalid_grant", "error_description", "PKCE verification failed"));
			return;
		}
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder()
			.issuer((this.issuerOverride != null) ? this.issuerOverride : issuer())
			.subject(this.subject)
			.audience(grant.clientId())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.claim("nonce", (this.nonceOverride != null) ? this.nonceOverride : grant.nonce())
			.claim("email", this.email)
			.claim("email_verified", this.emailVerified)
			.claim("name", "Fake User")
			.build();
		SignedJWT idToken = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.key.getKeyID()).type(JOSEObjectType.JWT).build(),
				claims);
		idToken.sign(new RSASSASigner(this.key));
		if (!oidc) {
			json(exchange, 200, Map.of("access_token", UUID.randomUUID().toString(), "token_type", "Bearer",
					"expires_in", 300, "scope", "read:user user:email"));
			return;
		}
		json(exchange, 200, Map.of("access_token", UUID.randomUUID().toString(), "token_type", "Bearer", "expires_in",
				300, "scope", "openid email profile", "id_token", idToken.serialize()));
	}

	private static String s256(String verifier) throws Exception {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
	}

	private static Map<String, String> query(String raw) {
		Map<String, String> values = new HashMap<>();
		if (raw == null) {
			return values;
		}
		for (String pair : raw.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return values;
	}

	private static void json(HttpExchange exchange, int status, Object body) throws IOException {
		byte[] bytes = JSON.writeValueAsBytes(body);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private record Grant(String nonce, String challenge, String clientId) {
	}

}
