package dev.nori.auth.token;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public keys (JWKS) and the OIDC discovery document at the issuer URL.
 */
@RestController
@RequestMapping("/api/auth/.well-known")
class KeysController {

	private final SigningKeys keys;

	private final TokenProperties properties;

	KeysController(SigningKeys keys, TokenProperties properties) {
		this.keys = keys;
		this.properties = properties;
	}

	@GetMapping(path = "/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> jwks() {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
			.body(this.keys.published().toJSONObject(true));
	}

	@GetMapping(path = "/openid-configuration", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> discovery() {
		String issuer = this.properties.issuer();
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("issuer", issuer);
		document.put("jwks_uri", issuer + "/.well-known/jwks.json");
		document.put("token_endpoint", issuer + "/login");
		document.put("userinfo_endpoint", issuer + "/me");
		document.put("revocation_endpoint", issuer + "/logout");
		document.put("response_types_supported", List.of("token"));
		document.put("grant_types_supported", List.of("password", "refresh_token"));
		document.put("subject_types_supported", List.of("public"));
		document.put("id_token_signing_alg_values_supported", List.of("RS256"));
		document.put("token_endpoint_auth_methods_supported", List.of("none"));
		document.put("claims_supported",
				List.of("iss", "sub", "aud", "exp", "iat", "jti", "sid", "roles", "permissions", "email_verified"));
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
			.body(document);
	}

}
