package dev.nori.servicedefaults.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import dev.nori.contracts.identity.AccessTokens;
import dev.nori.contracts.identity.PermissionKeys;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a service checks bearer tokens.
 *
 * @param issuer the tokens' {@code iss} (auth-service: the public URL plus
 * {@code /api/auth})
 * @param jwksUri where the issuer's public keys are fetched
 * @param audience the {@code aud} every token must name
 * @param tokenType the {@code typ} header access tokens carry
 * @param clockSkew tolerance on {@code exp}, {@code nbf} and {@code iat}, at most 30 s
 * @param publicRoutes requests that need no token, as
 * {@code "[METHOD[,METHOD]] pattern"}; the service's {@code GET <api-base>/info} and
 * {@code /openapi.json} are always public
 * @param permissionKeyPrefix the prefix of the current-permission keys in Redis
 * @param permissionsCacheFor how long a user's current permissions are kept per instance
 * @param federatedIssuers further trusted issuers by name, such as Keycloak
 */
@Validated
@ConfigurationProperties("nori.service.security")
public record ResourceServerProperties(@NotBlank String issuer, @NotBlank String jwksUri,
		@DefaultValue(AccessTokens.AUDIENCE) @NotBlank String audience,
		@DefaultValue(AccessTokens.TYPE) @NotBlank String tokenType, @DefaultValue("30s") @NotNull Duration clockSkew,
		@DefaultValue( {
		}) List<String> publicRoutes, @DefaultValue(PermissionKeys.DEFAULT_PREFIX) @NotBlank String permissionKeyPrefix,
		@DefaultValue("1s") @NotNull Duration permissionsCacheFor,
		@DefaultValue({}) Map<String, @Valid FederatedIssuer> federatedIssuers){

	public ResourceServerProperties {
		publicRoutes = List.copyOf(publicRoutes);
		federatedIssuers = Map.copyOf(federatedIssuers);
	}

	/**
	 * Another identity provider whose access tokens are trusted (Keycloak), with its
	 * roles mapped to Nori permissions.
	 *
	 * @param issuer the exact {@code iss} of its tokens
	 * @param jwksUri where its public keys are published
	 * @param audience the {@code aud} its tokens must name
	 * @param tokenClaimType the {@code typ} claim that marks an access token (Keycloak:
	 * {@code Bearer}; its ID tokens say {@code ID})
	 * @param rolesClaim the path of the roles in the token, dots between levels (Keycloak
	 * realm roles: {@code realm_access.roles})
	 * @param rolePermissions the Nori permissions each of its roles grants
	 */
	public record FederatedIssuer(@NotBlank String issuer, @NotBlank String jwksUri, @NotBlank String audience,
			@DefaultValue("Bearer") @NotBlank String tokenClaimType,
			@DefaultValue("realm_access.roles") @NotBlank String rolesClaim, @DefaultValue( {
			}) Map<String, List<String>> rolePermissions){

		public FederatedIssuer {
			rolePermissions = Map.copyOf(rolePermissions);
		}

	}

	@AssertTrue(message = "clockSkew must be between 0 and 30 s")
	boolean isClockSkewBounded() {
		return !this.clockSkew.isNegative() && this.clockSkew.compareTo(Duration.ofSeconds(30)) <= 0;
	}

	@AssertTrue(
			message = "permissionsCacheFor must be between 0 and 1 s: a revoked permission must stop working within a second")
	boolean isPermissionsCacheBounded() {
		return !this.permissionsCacheFor.isNegative() && this.permissionsCacheFor.compareTo(Duration.ofSeconds(1)) <= 0;
	}

}
