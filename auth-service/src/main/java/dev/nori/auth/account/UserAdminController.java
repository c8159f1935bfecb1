package dev.nori.auth.account;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.nori.auth.role.Roles;
import dev.nori.auth.user.User;
import dev.nori.auth.user.Users;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API of users.
 */
@RestController
@RequestMapping("/api/auth/admin/users")
@PreAuthorize("hasAuthority('users.manage')")
@Validated
class UserAdminController {

	private final Users users;

	private final Roles roles;

	private final UserAdministration administration;

	UserAdminController(Users users, Roles roles, UserAdministration administration) {
		this.users = users;
		this.roles = roles;
		this.administration = administration;
	}

	@GetMapping
	List<UserView> list(@RequestParam(required = false) @Size(max = 254) @Nullable String email,
			@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
		List<User> listed = this.users.list(email, size, page * size);
		// one query for the page's roles, not two per user
		Map<UUID, List<String>> roles = this.roles.rolesOf(listed.stream().map(User::id).toList());
		return listed.stream()
			.map((user) -> new UserView(user.id(), user.email(), user.displayName(), user.emailVerified(),
					user.disabled(), roles.getOrDefault(user.id(), List.of()), user.createdAt()))
			.toList();
	}

	@PostMapping("/{id}/disable")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void disable(@PathVariable UUID id) {
		this.administration.setDisabled(id, true);
	}

	@PostMapping("/{id}/enable")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void enable(@PathVariable UUID id) {
		this.administration.setDisabled(id, false);
	}

	@PostMapping("/import")
	UserAdministration.ImportResult importUsers(@Valid @RequestBody ImportRequest request) {
		return this.administration.importUsers(request.users()
			.stream()
			.map((user) -> new UserAdministration.ImportedUser(user.email(), user.displayName(), user.passwordHash(),
					Boolean.TRUE.equals(user.emailVerified()), (user.roles() != null) ? user.roles() : List.of()))
			.toList());
	}

	record ImportRequest(@NotEmpty @Size(max = 1000) List<@Valid @NotNull ImportEntry> users) {
	}

	record ImportEntry(
			@NotBlank @Size(max = 254) @Email(regexp = AccountController.EMAIL,
					message = "must be a valid email address") String email,
			@NotBlank @Size(max = 100) @Pattern(regexp = AccountController.TEXT,
					message = "must not contain control characters") String displayName,
			@NotBlank @Size(max = 400) String passwordHash, @Nullable Boolean emailVerified,
			@Nullable @Size(max = 20) List<@NotBlank String> roles) {
	}

	record UserView(UUID id, String email, String displayName, boolean emailVerified, boolean disabled,
			List<String> roles, Instant createdAt) {
	}

}
