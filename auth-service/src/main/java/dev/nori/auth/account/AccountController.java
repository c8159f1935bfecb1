package dev.nori.auth.account;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.nori.auth.password.AcceptablePassword;
import dev.nori.auth.password.PasswordCandidate;
import dev.nori.auth.role.Roles;
import dev.nori.auth.session.ClientInfo;
import dev.nori.auth.session.TokenPair;
import dev.nori.auth.user.User;
import dev.nori.auth.user.Users;
import dev.nori.servicedefaults.problem.ProblemException;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public account API: register, verify, reset, and the user's own account.
 */
@RestController
@RequestMapping("/api/auth")
class AccountController {

	static final String EMAIL = ".+@[^@\\s]+\\.[^@\\s]+";

	// printable text, no control characters
	static final String TEXT = "[^\\p{Cc}]*";

	private static final Message REGISTERED = new Message(
			"Thanks. Check your inbox: we sent a link to verify your address.");

	private static final Message RESET_REQUESTED = new Message(
			"If an account has this address, we sent it a link to choose a new password.");

	private final AccountService accounts;

	private final Users users;

	private final Roles roles;

	AccountController(AccountService accounts, Users users, Roles roles) {
		this.accounts = accounts;
		this.users = users;
		this.roles = roles;
	}

	@PostMapping("/register")
	@ResponseStatus(HttpStatus.CREATED)
	Message register(@Valid @RequestBody Registration registration) {
		this.accounts.register(registration.email(), registration.password(), registration.displayName());
		return REGISTERED;
	}

	@PostMapping("/verify-email")
	Message verify(@Valid @RequestBody TokenRequest request) {
		this.accounts.verifyEmail(request.token());
		return new Message("Your address is verified.");
	}

	@PostMapping("/verify-email/resend")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Message resend(@AuthenticationPrincipal Jwt token) {
		this.accounts.resendVerification(UUID.fromString(token.getSubject()));
		return new Message("We sent a new verification link.");
	}

	@PostMapping("/password-reset/request")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Message requestReset(@Valid @RequestBody ResetRequest request) {
		this.accounts.requestPasswordReset(request.email());
		return RESET_REQUESTED;
	}

	@PostMapping("/password-reset/confirm")
	Message confirmReset(@Valid @RequestBody ResetConfirmation confirmation) {
		this.accounts.resetPassword(confirmation.token(), confirmation.password());
		return new Message("Your password is changed. Log in with the new one.");
	}

	@PostMapping("/password")
	TokenPair changePassword(@AuthenticationPrincipal Jwt token, @Valid @RequestBody PasswordChange change,
			HttpServletRequest http) {
		return this.accounts.changePassword(UUID.fromString(token.getSubject()), change.currentPassword(),
				change.newPassword(), ClientInfo.of(http));
	}

	@GetMapping("/me")
	Me me(@AuthenticationPrincipal Jwt token) {
		User user = this.users.find(UUID.fromString(token.getSubject()))
			.orElseThrow(() -> ProblemException.notFound("There is no such user."));
		Roles.Grants grants = this.roles.grantsOf(user.id());
		return new Me(user.id(), user.email(), user.displayName(), user.emailVerified(), grants.roles(),
				grants.permissions(), user.createdAt());
	}

	@AcceptablePassword
	record Registration(
			@NotBlank @Size(max = 254) @Email(regexp = EMAIL, message = "must be a valid email address") String email,
			@NotNull String password, @NotBlank @Size(max = 100) @Pattern(regexp = TEXT,
					message = "must not contain control characters") String displayName)
			implements
				PasswordCandidate {

		@Override
		public List<@Nullable String> userInputs() {
			return java.util.Arrays.asList(this.email, this.displayName);
		}

	}

	record TokenRequest(@NotBlank @Size(max = 200) String token) {
	}

	record ResetRequest(
			@NotBlank @Size(max = 254) @Email(regexp = EMAIL, message = "must be a valid email address") String email) {
	}

	@AcceptablePassword
	record ResetConfirmation(@NotBlank @Size(max = 200) String token,
			@NotNull String password) implements PasswordCandidate {

		@Override
		public List<@Nullable String> userInputs() {
			return List.of();
		}

	}

	record PasswordChange(@NotNull @Size(max = 4096) String currentPassword, @NotNull String newPassword) {
	}

	record Message(String message) {
	}

	record Me(UUID id, String email, String displayName, boolean emailVerified, List<String> roles,
			List<String> permissions, Instant createdAt) {
	}

}
