package dev.nori.auth.apikey;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's API keys.
 */
@RestController
@RequestMapping("/api/auth/api-keys")
class ApiKeyController {

	private final ApiKeyService keys;

	ApiKeyController(ApiKeyService keys) {
		this.keys = keys;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize("hasAuthority('api-keys.create')")
	NewKeyView create(@AuthenticationPrincipal Jwt token, @Valid @RequestBody NewKey request) {
		ApiKeyService.CreatedKey created = this.keys.create(UUID.fromString(token.getSubject()), request.name(),
				request.scopes(), request.expiresAt());
		return new NewKeyView(view(created.key()), created.secret());
	}

	@GetMapping
	List<KeyView> list(@AuthenticationPrincipal Jwt token) {
		return this.keys.list(UUID.fromString(token.getSubject())).stream().map(ApiKeyController::view).toList();
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revoke(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
		this.keys.revoke(UUID.fromString(token.getSubject()), id);
	}

	private static KeyView view(ApiKeys.ApiKey key) {
		return new KeyView(key.id(), key.name(), key.hint() + "…", key.scopes(), key.createdAt(), key.expiresAt(),
				key.revokedAt(), key.lastUsedAt());
	}

	record NewKey(
			@NotBlank @Size(max = 100) @Pattern(regexp = "[^\\p{Cc}]*",
					message = "must not contain control characters") String name,
			@NotEmpty @Size(max = 100) List<@NotNull @Pattern(regexp = "[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*){1,4}",
					message = "must look like articles.edit") String> scopes,
			@NotNull Instant expiresAt) {
	}

	record KeyView(UUID id, String name, String hint, List<String> scopes, Instant createdAt, Instant expiresAt,
			@Nullable Instant revokedAt, @Nullable Instant lastUsedAt) {
	}

	/**
	 * A new key: the secret is in this answer and nowhere else.
	 */
	record NewKeyView(KeyView key, String secret) {
	}

}
