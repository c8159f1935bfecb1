package dev.nori.auth.session;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.nori.contracts.identity.AccessTokens;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
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
 * Login, refresh, logout and the session list.
 */
@RestController
@RequestMapping("/api/auth")
class SessionController {

	private final LoginService login;

	private final SessionService sessions;

	SessionController(LoginService login, SessionService sessions) {
		this.login = login;
		this.sessions = sessions;
	}

	@PostMapping("/login")
	TokenPair login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
		return this.login.login(request.email(), request.password(), ClientInfo.of(http));
	}

	@PostMapping("/refresh")
	TokenPair refresh(@Valid @RequestBody RefreshRequest request) {
		return this.sessions.refresh(request.refreshToken());
	}

	@PostMapping("/logout")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void logout(@AuthenticationPrincipal Jwt token) {
		this.sessions.revokeSession(UUID.fromString(token.getSubject()), sessionOf(token), "logout");
	}

	@PostMapping("/logout-all")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void logoutAll(@AuthenticationPrincipal Jwt token) {
		this.sessions.logoutEverywhere(UUID.fromString(token.getSubject()));
	}

	@GetMapping("/sessions")
	List<SessionView> list(@AuthenticationPrincipal Jwt token) {
		UUID current = sessionOf(token);
		return this.sessions.list(UUID.fromString(token.getSubject()))
			.stream()
			.map((session) -> new SessionView(session.id(), session.createdAt(), session.lastUsedAt(),
					session.expiresAt(), session.userAgent(), session.clientIp(), session.id().equals(current)))
			.toList();
	}

	@DeleteMapping("/sessions/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revoke(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
		this.sessions.revokeSession(UUID.fromString(token.getSubject()), id, "revoked-by-user");
	}

	private static UUID sessionOf(Jwt token) {
		String session = token.getClaimAsString(AccessTokens.SESSION_CLAIM);
		if (session == null) {
			throw dev.nori.servicedefaults.problem.ProblemException
				.badRequest("This token belongs to no session (it was not issued by a login).");
		}
		return UUID.fromString(session);
	}

	record LoginRequest(@NotBlank @Size(max = 320) String email, @NotNull @Size(max = 4096) String password) {
	}

	record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
	}

	record SessionView(UUID id, Instant createdAt, Instant lastUsedAt, Instant expiresAt, @Nullable String userAgent,
			@Nullable String clientIp, boolean current) {
	}

}
