package dev.nori.servicedefaults.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import dev.nori.contracts.identity.AccessTokens;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Turns a verified token into an authentication whose authorities are the user's
 * permissions as plain strings ({@code hasAuthority('articles.edit')}) and roles as
 * {@code ROLE_<name>} ({@code hasRole('editor')}).
 */
public class PermissionAuthorities implements Converter<Jwt, AbstractAuthenticationToken> {

	private final CurrentPermissions current;

	/**
	 * Creates the converter.
	 * @param current users' current permissions, preferred to the token's claim
	 */
	public PermissionAuthorities(CurrentPermissions current) {
		this.current = current;
	}

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		Collection<String> permissions = this.current.of(jwt.getSubject())
			.map((Set<String> now) -> (Collection<String>) now)
			.orElseGet(() -> strings(jwt, AccessTokens.PERMISSIONS_CLAIM));
		List<GrantedAuthority> authorities = new ArrayList<>();
		permissions.forEach((permission) -> authorities.add(new SimpleGrantedAuthority(permission)));
		strings(jwt, AccessTokens.ROLES_CLAIM)
			.forEach((role) -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
		return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
	}

	private static List<String> strings(Jwt jwt, String claim) {
		List<String> values = jwt.getClaimAsStringList(claim);
		return (values != null) ? values : List.of();
	}

}
