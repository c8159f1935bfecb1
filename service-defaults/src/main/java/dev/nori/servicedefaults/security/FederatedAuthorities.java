package dev.nori.servicedefaults.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Turns a federated issuer's token (Keycloak) into Nori authorities: each of its roles
 * found at the configured claim path grants the permissions configured for it, and
 * becomes {@code ROLE_<name>}. Roles without a mapping grant nothing.
 */
public class FederatedAuthorities implements Converter<Jwt, AbstractAuthenticationToken> {

	private final String[] rolesPath;

	private final Map<String, List<String>> rolePermissions;

	/**
	 * Creates the converter.
	 * @param issuer the issuer's settings
	 */
	public FederatedAuthorities(ResourceServerProperties.FederatedIssuer issuer) {
		this.rolesPath = issuer.rolesClaim().split("\\.");
		this.rolePermissions = issuer.rolePermissions();
	}

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		Set<String> permissions = new LinkedHashSet<>();
		List<GrantedAuthority> authorities = new ArrayList<>();
		for (String role : roles(jwt)) {
			authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
			permissions.addAll(this.rolePermissions.getOrDefault(role, List.of()));
		}
		permissions.forEach((permission) -> authorities.add(new SimpleGrantedAuthority(permission)));
		return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
	}

	private List<String> roles(Jwt jwt) {
		Object node = jwt.getClaims();
		for (String step : this.rolesPath) {
			if (!(node instanceof Map<?, ?> map)) {
				return List.of();
			}
			node = map.get(step);
		}
		if (!(node instanceof List<?> values)) {
			return List.of();
		}
		return values.stream().filter(String.class::isInstance).map(String.class::cast).toList();
	}

}
