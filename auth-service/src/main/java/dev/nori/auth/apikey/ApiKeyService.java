package dev.nori.auth.apikey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.nori.auth.role.Roles;
import dev.nori.auth.session.SecretTokens;
import dev.nori.auth.token.AccessTokenIssuer;
import dev.nori.auth.token.AccessTokenIssuer.IssuedAccessToken;
import dev.nori.auth.user.User;
import dev.nori.auth.user.Users;
import dev.nori.servicedefaults.audit.AuditLog;
import dev.nori.servicedefaults.core.problem.FieldViolation;
import dev.nori.servicedefaults.problem.InvalidFieldsException;
import dev.nori.servicedefaults.problem.ProblemException;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates, lists, revokes and exchanges API keys. An exchanged access token carries the
 * key's scopes that the owner still holds, never more, and lives
 * {@code exchangedTokenTtl} (or until the key expires, if sooner).
 */
@Service
@EnableConfigurationProperties(ApiKeyProperties.class)
class ApiKeyService {

	static final String PREFIX = "nori_";

	private final ApiKeys keys;

	private final Users users;

	private final Roles roles;

	private final AccessTokenIssuer issuer;

	private final ApiKeyProperties properties;

	private final AuditLog audit;

	private final TransactionTemplate transaction;

	private final Clock clock;

	ApiKeyService(ApiKeys keys, Users users, Roles roles, AccessTokenIssuer issuer, ApiKeyProperties properties,
			AuditLog audit, TransactionTemplate transaction, Clock clock) {
		this.keys = keys;
		this.users = users;
		this.roles = roles;
		this.issuer = issuer;
		this.properties = properties;
		this.audit = audit;
		this.transaction = transaction;
		this.clock = clock;
	}

	CreatedKey create(UUID userId, String name, List<String> scopes, Instant expiresAt) {
		Instant now = this.clock.instant();
		if (!expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(this.properties.maxLifetime()))) {
			throw new InvalidFieldsException(List.of(new FieldViolation("expiresAt",
					"must be in the future and at most " + this.properties.maxLifetime().toDays() + " days away")));
		}
		Set<String> held = Set.copyOf(this.roles.grantsOf(userId).permissions());
		List<String> notHeld = scopes.stream().filter((scope) -> !held.contains(scope)).distinct().toList();
		if (!notHeld.isEmpty()) {
			throw new InvalidFieldsException(List.of(new FieldViolation("scopes",
					"may only name permissions you hold; you do not hold " + String.join(", ", notHeld))));
		}
		String secret = PREFIX + SecretTokens.generate();
		ApiKeys.ApiKey key = new ApiKeys.ApiKey(UUID.randomUUID(), userId, name,
				secret.substring(0, PREFIX.length() + 6), List.copyOf(new LinkedHashSet<>(scopes)), now, expiresAt,
				null, null);
		this.transaction.executeWithoutResult((status) -> {
			this.keys.insert(key, SecretTokens.hash(secret));
			this.audit.audit("api-key.created", "api-key:" + key.id(),
					Map.of("scopes", String.join(" ", key.scopes()), "expiresAt", expiresAt.toString()));
		});
		return new CreatedKey(key, secret);
	}

	List<ApiKeys.ApiKey> list(UUID userId) {
		return this.keys.ofUser(userId);
	}

	void revoke(UUID userId, UUID keyId) {
		this.transaction.executeWithoutResult((status) -> {
			if (!this.keys.revoke(keyId, userId, this.clock.instant())) {
				throw ProblemException.notFound("There is no such API key.");
			}
			this.audit.audit("api-key.revoked", "api-key:" + keyId, Map.of());
		});
	}

	Exchanged exchange(String secret) {
		Instant now = this.clock.instant();
		ApiKeys.ApiKey key = secret.startsWith(PREFIX)
				? this.keys.findUsable(SecretTokens.hash(secret), now).orElse(null) : null;
		User user = (key != null) ? this.users.find(key.userId()).filter((found) -> !found.disabled()).orElse(null)
				: null;
		if (key == null || user == null) {
			throw ProblemException.unauthorized("The API key is unknown, revoked or expired.");
		}
		Set<String> held = Set.copyOf(this.roles.grantsOf(user.id()).permissions());
		List<String> permissions = key.scopes().stream().filter(held::contains).toList();
		Duration untilKeyExpires = Duration.between(now, key.expiresAt());
		Duration ttl = (untilKeyExpires.compareTo(this.properties.exchangedTokenTtl()) < 0) ? untilKeyExpires
				: this.properties.exchangedTokenTtl();
		IssuedAccessToken token = this.issuer.issue(new AccessTokenIssuer.Subject(user.id(), key.id(), List.of(),
				permissions, user.email(), user.emailVerified(), user.tokensValidAfter()), ttl,
				Map.of("api_key", key.id().toString()));
		this.keys.touch(key.id(), now);
		return new Exchanged(token.value(), Math.max(1, Duration.between(now, token.expiresAt()).toSeconds()),
				key.id());
	}

	record CreatedKey(ApiKeys.ApiKey key, String secret) {
	}

	record Exchanged(String accessToken, long expiresIn, UUID keyId) {
	}

}
