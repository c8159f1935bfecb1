package dev.nori.auth.apikey;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import dev.nori.servicedefaults.internal.InternalSecret;
import dev.nori.servicedefaults.problem.ProblemException;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The gateway's exchange of an API key for a short access token. Outside {@code /api}, so
 * the gateway never routes clients here, and answered only to callers that present the
 * internal secret.
 */
@RestController
class ApiKeyExchangeController {

	private final ApiKeyService keys;

	private final InternalSecret internalSecret;

	ApiKeyExchangeController(ApiKeyService keys, InternalSecret internalSecret) {
		this.keys = keys;
		this.internalSecret = internalSecret;
	}

	@PostMapping("/internal/api-keys/exchange")
	ApiKeyService.Exchanged exchange(
			@RequestHeader(name = InternalSecret.HEADER, required = false) @Nullable String secret,
			@Valid @RequestBody Exchange request) {
		if (!this.internalSecret.matches(secret)) {
			throw ProblemException.forbidden("Only the gateway exchanges API keys.");
		}
		return this.keys.exchange(request.key());
	}

	record Exchange(@NotBlank @Size(max = 200) String key) {
	}

}
