package dev.nori.testsupport;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * A token issuer the test controls: real RSA keys, a JWKS served over HTTP on a free
 * port, and signed tokens built claim by claim, including the malformed and malicious
 * ones a gateway must refuse. Tests use it where auth-service's own tokens cannot give
 * the case (expired, foreign audience, wrong algorithm, rotated keys).
 */
public final class TestTokenIssuer implements AutoCloseable {

	private final String issuer;

	private final List<RSAKey> published = new ArrayList<>();

	private final AtomicInteger jwksFetches = new AtomicInteger();

	private final HttpServer server;

	private volatile RSAKey current;

	private TestTokenIssuer(String issuer) {
		this.issuer = issuer;
		this.current = newKey();
		this.published.add(this.current);
		this.server = TestHttpServer.start((exchange) -> {
			this.jwksFetches.incrementAndGet();
			byte[] body = jwks().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
	}

	/**
	 * Starts an issuer with one published key.
	 * @param issuer the {@code iss} of its tokens
	 * @return the running issuer; close it to stop its JWKS server
	 */
	public static TestTokenIssuer start(String issuer) {
		return new TestTokenIssuer(issuer);
	}

	/**
	 * Returns the {@code iss} of its tokens.
	 * @return the issuer
	 */
	public String issuer() {
		return this.issuer;
	}

	/**
	 * Returns where its JWKS is served.
	 * @return the JWKS URI
	 */
	public URI jwksUri() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/jwks");
	}

	/**
	 * Returns how often the JWKS was fetched.
	 * @return the number of fetches
	 */
	public int jwksFetches() {
		return this.jwksFetches.get();
	}

	/**
	 * Publishes a new key and signs every later token with it, as an issuer rotating its
	 * keys does.
	 */
	public synchronized void rotate() {
		this.current = newKey();
		this.published.add(this.current);
	}

	/**
	 * Starts an access token: signed with the current key (RS256, {@code typ: at+jwt}),
	 * audience {@code nori-api}, issued now, valid five minutes, a random subject and
	 * {@code jti}.
	 * @return the builder
	 */
	public Token token() {
		return new Token();
	}

	private synchronized String jwks() {
		return new JWKSet(new ArrayList<>(this.published)).toPublicJWKSet().toString();
	}

	private static RSAKey newKey() {
		try {
			return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * One token, claim by claim.
	 */
	public final class Token {

		private final JWTClaimsSet.Builder claims;

		private JOSEObjectType type = new JOSEObjectType("at+jwt");

		private Token() {
			Instant now = Instant.now();
			this.claims = new JWTClaimsSet.Builder().issuer(TestTokenIssuer.this.issuer)
				.subject(UUID.randomUUID().toString())
				.audience("nori-api")
				.issueTime(Date.from(now))
				.expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
				.jwtID(UUID.randomUUID().toString());
		}

		/**
		 * Sets the subject.
		 * @param subject the {@code sub}
		 * @return this token
		 */
		public Token subject(String subject) {
			this.claims.subject(subject);
			return this;
		}

		/**
		 * Sets the issuer claim, for tokens that claim another issuer.
		 * @param issuer the {@code iss}
		 * @return this token
		 */
		public Token issuer(String issuer) {
			this.claims.issuer(issuer);
			return this;
		}

		/**
		 * Sets the audience.
		 * @param audience the {@code aud}
		 * @return this token
		 */
		public Token audience(String audience) {
			this.claims.audience(audience);
			return this;
		}

		/**
		 * Sets the token id.
		 * @param tokenId the {@code jti}
		 * @return this token
		 */
		public Token tokenId(String tokenId) {
			this.claims.jwtID(tokenId);
			return this;
		}

		/**
		 * Sets when it was issued.
		 * @param issuedAt the {@code iat}
		 * @return this token
		 */
		public Token issuedAt(Instant issuedAt) {
			this.claims.issueTime(Date.from(issuedAt));
			return this;
		}

		/**
		 * Makes it valid for ten minutes from a moment: issued then, for tests whose
		 * service runs on a clock they move.
		 * @param now the service's current time
		 * @return this token
		 */
		public Token validAt(Instant now) {
			return issuedAt(now).expiresAt(now.plus(java.time.Duration.ofMinutes(10)));
		}

		/**
		 * Sets when it expires.
		 * @param expiresAt the {@code exp}
		 * @return this token
		 */
		public Token expiresAt(Instant expiresAt) {
			this.claims.expirationTime(Date.from(expiresAt));
			return this;
		}

		/**
		 * Sets when it becomes valid.
		 * @param notBefore the {@code nbf}
		 * @return this token
		 */
		public Token notBefore(Instant notBefore) {
			this.claims.notBeforeTime(Date.from(notBefore));
			return this;
		}

		/**
		 * Sets a claim.
		 * @param name the claim
		 * @param value its value
		 * @return this token
		 */
		public Token claim(String name, Object value) {
			this.claims.claim(name, value);
			return this;
		}

		/**
		 * Sets the {@code typ} header ({@code at+jwt} unless changed; {@code JWT} for an
		 * ID token).
		 * @param type the header value
		 * @return this token
		 */
		public Token headerType(String type) {
			this.type = new JOSEObjectType(type);
			return this;
		}

		/**
		 * Returns the token signed with the issuer's current key.
		 * @return the compact JWT
		 */
		public String sign() {
			RSAKey key = TestTokenIssuer.this.current;
			try {
				return sign(JWSAlgorithm.RS256, key.getKeyID(), new RSASSASigner(key));
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/**
		 * Returns the token signed with a key the issuer never published.
		 * @return the compact JWT
		 */
		public String signWithUnpublishedKey() {
			RSAKey stranger = newKey();
			try {
				return sign(JWSAlgorithm.RS256, stranger.getKeyID(), new RSASSASigner(stranger));
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/**
		 * Returns the token "signed" with HS256 using the issuer's public key as the
		 * secret: the algorithm-confusion attack.
		 * @return the compact JWT
		 */
		public String signWithPublicKeyAsHmacSecret() {
			RSAKey key = TestTokenIssuer.this.current;
			try {
				byte[] secret = key.toRSAPublicKey().getEncoded();
				return sign(JWSAlgorithm.HS256, key.getKeyID(), new MACSigner(secret));
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/**
		 * Returns the token unsigned, with {@code alg: none}.
		 * @return the compact JWT, with an empty signature
		 */
		public String unsigned() {
			String header = "{\"alg\":\"none\",\"typ\":\"" + this.type + "\",\"kid\":\""
					+ TestTokenIssuer.this.current.getKeyID() + "\"}";
			return Base64URL.encode(header) + "." + Base64URL.encode(this.claims.build().toString()) + ".";
		}

		private String sign(JWSAlgorithm algorithm, String keyId, JWSSigner signer) throws JOSEException {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(this.type).keyID(keyId).build(),
					this.claims.build());
			jwt.sign(signer);
			return jwt.serialize();
		}

	}

}
