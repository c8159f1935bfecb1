package dev.nori.auth.session;

import java.time.Clock;

import dev.nori.auth.lockout.LockoutProperties;
import dev.nori.auth.lockout.LoginLockout;
import dev.nori.auth.password.PasswordHasher;
import dev.nori.auth.password.PasswordPolicy;
import dev.nori.auth.password.PasswordProperties;
import dev.nori.auth.revocation.Revocations;
import dev.nori.auth.token.TokenProperties;
import dev.nori.contracts.identity.PermissionKeys;
import dev.nori.contracts.revocation.RevocationKeys;
import dev.nori.servicedefaults.security.ResourceServerProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ LoginProperties.class, LockoutProperties.class, PasswordProperties.class })
class SessionConfiguration {

	@Bean
	PasswordHasher passwordHasher(PasswordProperties properties) {
		return new PasswordHasher(properties.argon2());
	}

	@Bean
	PasswordPolicy passwordPolicy(PasswordProperties properties) {
		return new PasswordPolicy(properties);
	}

	@Bean
	LoginLockout loginLockout(StringRedisTemplate redis, LockoutProperties properties, Clock clock) {
		return new LoginLockout(redis, properties, clock);
	}

	@Bean
	Revocations revocations(StringRedisTemplate redis, TokenProperties tokens, ResourceServerProperties security,
			Clock clock) {
		return new Revocations(redis, new RevocationKeys(RevocationKeys.DEFAULT_PREFIX),
				new PermissionKeys(security.permissionKeyPrefix()), tokens, clock);
	}

}
