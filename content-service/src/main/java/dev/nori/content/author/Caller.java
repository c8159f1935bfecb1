package dev.nori.content.author;

import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is asking: a user with the permissions their token (or their current grants) give,
 * or an anonymous reader.
 *
 * @param userId the token subject; {@code null} when anonymous
 * @param permissions the caller's permissions
 * @param displayName the name the token carries ({@code name} or
 * {@code preferred_username}), if any
 * @param email the address the token carries, if any
 */
public record Caller(@Nullable String userId, Set<String> permissions, @Nullable String displayName,
		@Nullable String email) {

	private static final Caller ANONYMOUS = new Caller(null, Set.of(), null, null);

	/**
	 * Returns the caller behind an authentication.
	 * @param authentication the request's authentication, possibly {@code null}
	 * @return the caller
	 */
	public static Caller of(@Nullable Authentication authentication) {
		if (authentication == null || authentication instanceof AnonymousAuthenticationToken
				|| !authentication.isAuthenticated()) {
			return ANONYMOUS;
		}
		Set<String> permissions = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((authority) -> authority != null && !authority.startsWith("ROLE_"))
			.collect(Collectors.toUnmodifiableSet());
		String name = null;
		String email = null;
		if (authentication instanceof JwtAuthenticationToken token) {
			Jwt jwt = token.getToken();
			name = (jwt.getClaimAsString("name") != null) ? jwt.getClaimAsString("name")
					: jwt.getClaimAsString("preferred_username");
			email = jwt.getClaimAsString("email");
		}
		return new Caller(authentication.getName(), permissions, name, email);
	}

	/**
	 * Returns whether the caller holds a permission.
	 * @param permission the permission
	 * @return whether they hold it
	 */
	public boolean can(String permission) {
		return this.permissions.contains(permission);
	}

	/**
	 * Returns whether the caller is the given user.
	 * @param otherUserId a user id
	 * @return whether it is the caller's
	 */
	public boolean is(String otherUserId) {
		return otherUserId.equals(this.userId);
	}

	/**
	 * Returns whether the caller is signed in.
	 * @return whether a user is asking
	 */
	public boolean authenticated() {
		return this.userId != null;
	}

	/**
	 * Returns the caller's user id, for operations that need a signed-in user.
	 * @return the user id
	 * @throws IllegalStateException when anonymous: the security rules should have
	 * refused the request
	 */
	public String requireUserId() {
		if (this.userId == null) {
			throw new IllegalStateException("An anonymous caller reached an operation that needs a user");
		}
		return this.userId;
	}

}
