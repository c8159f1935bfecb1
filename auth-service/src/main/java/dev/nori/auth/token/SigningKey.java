package dev.nori.auth.token;

import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.jspecify.annotations.Nullable;

/**
 * One RSA signing key and its life: published from creation, signing from
 * {@code activatesAt}, published until {@code retiresAt}.
 *
 * @param kid the key id in token headers and the JWKS
 * @param privateKey signs
 * @param publicKey verifies, published
 * @param activatesAt when it starts signing
 * @param retiresAt when it leaves the JWKS, once a successor signs
 */
record SigningKey(String kid, RSAPrivateKey privateKey, RSAPublicKey publicKey, Instant activatesAt,
		@Nullable Instant retiresAt) {

	RSAKey publicJwk() {
		return new RSAKey.Builder(this.publicKey).keyID(this.kid)
			.keyUse(KeyUse.SIGNATURE)
			.algorithm(JWSAlgorithm.RS256)
			.build();
	}

}
