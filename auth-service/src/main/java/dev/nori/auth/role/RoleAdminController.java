package dev.nori.auth.role;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API of roles and permissions.
 */
@RestController
@RequestMapping("/api/auth/admin")
@PreAuthorize("hasAuthority('roles.manage')")
@Validated
class RoleAdminController {

	static final String NAME = "[a-z][a-z0-9-]{0,39}";

	static final String PERMISSION = "[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*){1,4}";

	private final Roles roles;

	private final PermissionChanges changes;

	RoleAdminController(Roles roles, PermissionChanges changes) {
		this.roles = roles;
		this.changes = changes;
	}

	@GetMapping("/roles")
	Collection<Roles.Role> list() {
		return this.roles.all().values();
	}

	@PostMapping("/roles")
	@ResponseStatus(HttpStatus.CREATED)
	Roles.Role create(@Valid @RequestBody NewRole role) {
		this.changes.createRole(role.name(), (role.description() != null) ? role.description() : "",
				role.permissions());
		return this.roles.all().get(role.name());
	}

	@PutMapping("/roles/{role}/permissions/{permission}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void grant(@PathVariable @Pattern(regexp = NAME) String role,
			@PathVariable @Pattern(regexp = PERMISSION, message = "must look like articles.edit") String permission) {
		this.changes.grant(role, permission);
	}

	@DeleteMapping("/roles/{role}/permissions/{permission}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revoke(@PathVariable @Pattern(regexp = NAME) String role,
			@PathVariable @Pattern(regexp = PERMISSION, message = "must look like articles.edit") String permission) {
		this.changes.revoke(role, permission);
	}

	@PutMapping("/users/{userId}/roles/{role}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void assign(@PathVariable UUID userId, @PathVariable @Pattern(regexp = NAME) String role) {
		this.changes.assign(userId, role, true);
	}

	@DeleteMapping("/users/{userId}/roles/{role}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void unassign(@PathVariable UUID userId, @PathVariable @Pattern(regexp = NAME) String role) {
		this.changes.assign(userId, role, false);
	}

	/**
	 * A new role.
	 *
	 * @param name lower-case letters, digits and dashes
	 * @param description what it is for
	 * @param permissions what it grants
	 */
	record NewRole(
			@NotNull @Pattern(regexp = NAME, message = "must be lower-case letters, digits and dashes") String name,
			@Size(max = 200) String description, @NotNull @Size(max = 200) List<@NotNull @Pattern(regexp = PERMISSION,
					message = "must look like articles.edit") String> permissions) {
	}

}
